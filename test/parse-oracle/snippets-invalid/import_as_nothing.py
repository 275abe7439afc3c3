x = 1
import a.b as
