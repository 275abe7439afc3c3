# Byte columns after non-ASCII text on the same line: every token after these must be positioned
# in UTF-8 bytes (é = 2 bytes, € = 3, 😀 = 4), tabs inside lines count 1 byte.
x = "😀"; y = 1; z = "é€😀" + "a"
café = naïve = "日本" if "😀" else "€"
f(a="😀", b=[é := 1, "€"][0], c=f"{'😀'}{x!r}€{y:>{z}}😀")
w =	1	+	2  # tabs between tokens
d = {"ключ": "значение", "😀": (1, 2)}[ "ключ" ]
s = """multi
line 😀 string""" + 'after'
t = ("😀"
     "€" f"{x}é")
print(x, y, z, café, naïve, w, d, s, t) if "é" else None
lambda ñ=1, *ü, ö=2, **ß: ñ
class Ünïcode:
    αβγ: int = 1
    def méthode(self, 参数): return 参数
