# Whitespace: tabs for indentation, form feeds, line continuations, blank lines with odd indents.
if True:
	x = 1
	if x:
		y = 2
	z = 3

def f():
    return 1

class C:
    pass
  
	
        # comment at odd indent
    
x = 1 + \
    2 + \
\
    3
y = [
	1,
  2,

		3]
if x: pass
while 0: pass
else: pass
for a in []: pass; pass
def g(): return
class D: x = 1; y = 2
   # trailing comment
z = 1   	  # spaces and tabs before a comment
\

w = 1
