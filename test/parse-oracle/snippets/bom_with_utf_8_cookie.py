# -*- coding: UTF_8 -*-
# A BOM with a cookie that normalizes to "utf-8" (case, "_" for "-") is fine.
x = "é"
