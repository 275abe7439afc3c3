# Every string prefix and escape: raw, bytes, unicode, implicit concatenation, \N{...}, octal,
# hex, line continuations inside strings, triple quotes, and quotes inside quotes.
a = 'single' "double" '''triple single''' """triple double"""
b = u"unicode prefix" U'upper'
c = r"raw \n \d" R'raw'
c2 = rb"raw bytes \x00" Rb'' bR"" BR'' Br"" rB""
d = b"bytes \x00\xff\n\t\r\\ \" '" B'bytes' b''
e = b'with "double" quote' + b"with 'single' quote" + b"both ' and \"" + b'\x7f\x80\x1f'
f = "\a\b\f\n\r\t\v\\\'\"\0\1\12\123\x41\u00e9\U0001F600\N{LATIN SMALL LETTER E WITH ACUTE}\N{EM DASH}"
g = "a" "b" 'c' """d""" '''e'''
h = ("implicit "
     "concatenation "
     'across lines')
i = "line \
continuation inside a string"
j = """triple
quoted with "quotes" and 'quotes' and \""" inside
"""
k = '''it's'''
l = "é ü 日本語 \u2028 emoji 😀 combining é"
m = "\uD800" "\udfff" "\ud83d\ude00"
n = b"\o" if False else "\q \w"
o = "\777" if False else "\400"
p = "\N{EMOJI MODIFIER FITZPATRICK TYPE-1-2}"
q = u"a" "b"
r = "" ''
s = "\
"
t = b"a" b"b" rb"c"
u = "tab	inside"
v = "nul \x00 and del \x7f and c1 \x85 \x9f"
w = 'mixed' u'kinds' 'here'
x = "\N{ZERO WIDTH SPACE}\N{NO-BREAK SPACE}"
y = b'\\x41'
z = "\r\n"
