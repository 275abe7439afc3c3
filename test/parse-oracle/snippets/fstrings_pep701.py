# PEP 701 f-strings (3.12+): nested same quotes, multi-line expressions, nested format specs,
# `=` specifiers with spaces and conversions, backslashes and comments inside replacement fields.
songs = ["a", "b"]
x = 42
width, precision = 10, 3
value = 3.14159
f"{", ".join(songs)}"
f"{f"{f"{x}"}"}"
f'{f'{f'{x}'}'}'
f"""{
    x
    + 1  # a comment inside the replacement field
}"""
f"{x!r:>{width}}"
f"{value:{width}.{precision}f}"
f"{value:{width}.{precision}{'f'}}"
f"{x = }"
f"{x=}"
f"{ x = !r}"
f"{x = :>10}"
f"{x=!s:^{width}}"
f"{'\n'.join(songs)}"
f"{'\\'}"
f"{"\N{BULLET}"} item"
f"{x:{'>' if x else '<'}10}"
f"{x:{{}}>10}"
f"{{literal}} {x} {{}}"
f"{x}" f"{x}" "plain" f'{x!a}'
rf"\d+{x}\n"
fr'{x}\{x}'
F"{x}" Rf"{x}" fR"{x}" RF"{x}"
f"{(lambda y: y * 2)(x)}"
f"{x if x else 0}"
f"{ {'a': 1}['a'] }"
f"{[i for i in range(3)]}"
f"{x:}"
f"{x!r:}"
f""
f"{x}{x}"
f"abc{x}def{x}ghi"
f"{x:{width}}{x:{width}}"
f"""multi
line {x}
text {
x
}"""
f'''{x:>{
width
}}'''
f"{x:=^10}"
f"{x:#x}"
f"{x:,}"
f"{x:%}" if False else None
f"{'a' 'b'}"
f"{x
}"
f"{  x  }"
f"{x!r}"
f"{*songs,}"
f"{yield}" if False else None
print(f"{x:{'{'}>10}")
f"\{x}" if False else None
f"{x}\
continued"
f"tab\t{x}\x41\u0041\U00000041\101"
f"{'é'}é{x}"
f"𝔘𝔫𝔦{x}𝔠𝔬𝔡𝔢"
