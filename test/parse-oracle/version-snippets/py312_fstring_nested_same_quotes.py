songs = ['a']
x = f"{", ".join(songs)}"
