# coding: utf8
# With a BOM, CPython accepts only a cookie that normalizes to "utf-8"; "utf8" is refused.
x = 1
