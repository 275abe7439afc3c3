type Alias[T = int] = list[T]
