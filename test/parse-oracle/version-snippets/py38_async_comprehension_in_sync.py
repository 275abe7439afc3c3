async def f(a):
    return [[x async for x in y] for y in a]
