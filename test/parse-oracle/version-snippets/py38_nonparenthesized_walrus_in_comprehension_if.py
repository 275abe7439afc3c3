y = [x for x in a if (b := x)]
