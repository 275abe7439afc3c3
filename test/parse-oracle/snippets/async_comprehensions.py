# async/await: async def, async for/with, async comprehensions (and await inside them).
import asyncio


async def main(aiter, items):
    result = [x async for x in aiter]
    result = {x: y async for x, y in aiter if await x}
    result = {x async for x in aiter for y in items}
    result = (x async for x in aiter)
    result = [await x for x in items]
    result = [[y async for y in x] for x in items]
    async for item in aiter:
        await item
    else:
        pass
    async with asyncio.timeout(1) as t, asyncio.Lock():
        pass
    await asyncio.sleep(0)
    return await (await aiter)


async def gen():
    yield 1
    x = yield
    await asyncio.sleep(0)


def outer():
    async def inner():
        return [i async for i in gen()]
    return inner


class A:
    async def m(self):
        async for x in self:
            pass


await_ = 1
async_ = 2
