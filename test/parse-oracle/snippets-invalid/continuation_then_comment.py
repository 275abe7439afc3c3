x = 1 + \ # no comment allowed after a backslash
    2
