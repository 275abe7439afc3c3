songs = ['a']
x = f"{'\n'.join(songs)}"
