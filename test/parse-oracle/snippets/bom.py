# A UTF-8 byte order mark starts this file; columns are unaffected by it.
x = "café"
y = x
