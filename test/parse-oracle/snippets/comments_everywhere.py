#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Comments in every position the tokenizer must skip: after colons, inside brackets, after
# backslash-free continuation lines, before dedents, at end of file without newline.
import os  # trailing


def f(  # after open paren
    a,  # after a parameter
    # own line inside parameters
    b=1,  # after default
):  # after close paren and before colon's body
    # first line of body
    x = [  # after bracket
        1,  # one
        # own line
        2,
    ]  # after close bracket
    if x:  # after if colon
        pass
        # comment before dedent
    # comment at outer indent
    return x  # after return
    # comment after last statement


class C:  # class comment
    # body comment
    pass
# dedent comment

x = {  # dict
    'a': 1,  # value
}
y = (1 +  # operator then comment
     2)
z = f"{x  # comment in f-string replacement field
}"
# final comment without newline