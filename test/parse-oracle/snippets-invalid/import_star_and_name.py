x = 1
from x import *, y
