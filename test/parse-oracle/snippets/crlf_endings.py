# CRLF line endings everywhere, including inside triple-quoted strings and after a backslash.
x = 1
if x:
    y = """a
b"""
    z = 1 + \
        2
f"""{x}
{
x}"""
def f(a,
      b):
    return a
