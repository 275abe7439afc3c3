# Non-ASCII identifiers, NFKC-normalized by CPython (the names in the tree are the normalized ones).
ﬁle = 1
ｆｕｌｌｗｉｄｔｈ = 2
ℌello = 3
𝔘𝔫𝔦𝔠𝔬𝔡𝔢 = 4
café = 5
naïve = 6
π = 3.14
日本語 = 7
ǅ = 8
ʰ = 10
Ⅸ = 11
_ﬂag = 12


def ﬁnd(ｐａｒａｍ, *ａｒｇｓ, ｋｅｙ=ﬁle, **ｋｗ):
    return ｐａｒａｍ + π


class Ｃｌａｓｓ:
    ａｔｔｒ: int = 1


print(ﬁle, ｆｕｌｌｗｉｄｔｈ.ｒｅａｌ, Ｃｌａｓｓ().ａｔｔｒ)
import os.ｐａｔｈ as ｐ
from os import ｐａｔｈ as ｑ
ｆｕｌｌｗｉｄｔｈ = f"{ﬁle=}"
match ﬁle:
    case Ｃｌａｓｓ(ａｔｔｒ=ｖ):
        pass
