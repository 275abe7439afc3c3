// HS304 cases: blocking calls directly in `async def`, and look-alikes (awaited twins, nested sync
// defs handed to executors, sync functions) that must stay silent.
import rule from './blocking-call-in-async-function.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'import time\nasync def f():\n    time.sleep(1)\n', lines: [3] },
    { code: 'from time import sleep\nasync def f():\n    sleep(1)\n', lines: [3] },
    { code: 'import requests\nasync def handler(url):\n    return requests.get(url, timeout=5).json()\n', lines: [3] },
    { code: 'import requests as rq\nasync def handler(url, data):\n    return rq.post(url, json=data)\n', lines: [3] },
    { code: 'async def handler(url):\n    from requests import get\n    return get(url)\n', lines: [3] },
    { code: 'import subprocess\nasync def build():\n    subprocess.run(["make"], check=True)\n', lines: [3] },
    { code: 'from urllib.request import urlopen\nasync def fetch(u):\n    return urlopen(u).read()\n', lines: [3] },
    { code: 'async def load(p):\n    with open(p) as f:\n        return f.read()\n', lines: [2] },
    { code: 'import os\nclass Svc:\n    async def restart(self):\n        os.system("systemctl restart x")\n', lines: [4] },
    { code: 'import httpx\nasync def f(u):\n    return httpx.get(u)\n', lines: [3] },
  ],
  notFlagged: [
    { code: 'import asyncio\nasync def f():\n    await asyncio.sleep(1)\n', why: 'the async sleep' },
    { code: 'import time\ndef f():\n    time.sleep(1)\n', why: 'a plain function may block' },
    { code: 'import time, asyncio\nasync def f():\n    def work():\n        time.sleep(1)\n    await asyncio.to_thread(work)\n', why: 'a nested sync def run in a thread' },
    { code: 'import time, asyncio\nasync def f(loop):\n    await loop.run_in_executor(None, lambda: time.sleep(1))\n', why: 'a lambda handed to an executor' },
    { code: 'import time, asyncio\nasync def f():\n    await asyncio.to_thread(time.sleep, 1)\n', why: 'passed to to_thread, not called' },
    { code: 'import requests\nasync def f(data):\n    return requests.Request("GET", "u", data=data)\n', why: 'building a Request does no I/O' },
    { code: 'import httpx\nasync def f(u):\n    async with httpx.AsyncClient() as c:\n        return await c.get(u)\n', why: 'the async client' },
    { code: 'import socket\nasync def f(h, p):\n    return socket.getaddrinfo(h, p, flags=socket.AI_NUMERICHOST)\n', why: 'numeric-only resolution does not block' },
    { code: 'import requests\nasync def f():\n    return requests.Session()\n', why: 'creating a session does no I/O' },
    { code: 'async def f(sleep):\n    sleep(1)\n', why: 'a parameter named sleep is not time.sleep' },
    { code: 'import aiofiles\nasync def f(p):\n    async with aiofiles.open(p) as fh:\n        return await fh.read()\n', why: 'aiofiles.open is async' },
  ],
});
