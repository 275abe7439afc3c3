# More f-string corners: \N{...} in literal parts, raw f-strings where \N{x} is a field, `!=`
# inside fields, colons inside brackets and strings, `=` with nested specs, concatenation merging.
x, width, d, a, b = 1, 10, {"a:b": 1}, 1, 2
f"\N{BULLET} {x} \N{EM DASH}"
rf"\N{x}"
f"{a != b}" f"{a!=b}" f"{a!r}"
f"{x[0:1] if isinstance(x, list) else x}"
f"{d['a:b']}" f"{d["a:b"]}"
f"{x=:{width}}" f"{x = !r:^{width}}"
f'''{x}''' f'''a'b"c{x}'''
("a" f"{x}" "b" f"c{x}d" "e")
(f"{x}"
 "plain"
 f"{x:{width}}")
b"" b"a" rb"b"
f"{x:{width}.{width}}" f"{x:{'<'}{width}}"
f"{x!s:{width}}" f"{x!a}"
f"{{}}" f"{{{x}}}" f"}}{{"
f"{'{'}" f"{'}'}"
f"{x:%Y-%m-%d %H:%M}"
f"{x:{{}}}" if False else None
f"""{
x!r
:>{width}
}"""
f"{f'{x}'!r}"
f"{(yield)}" if False else None
f"{await_}" if False else None
f"{x,}" f"{x, width}" f"{*[x],}"
f"{x:=10}" f"{(x:=10)}"
f"{x:{x:=5}}" if False else None
f"{'''multi
line'''}"
f"a\
b{x}\
c"
f"\x7b{x}\u007d\173"
f"{1+2 = # a comment is not part of the debug text
  }"
f"""{x = # comment
!r:>{width}}"""
