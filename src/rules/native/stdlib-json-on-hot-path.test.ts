// HS401 cases: stdlib json on hot paths, and look-alikes (other json libraries, cold calls).
import rule from './stdlib-json-on-hot-path.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'import json\ndef f(lines):\n    return [json.loads(l) for l in lines]\n', lines: [3] },
    { code: 'from json import dumps\ndef f(rows, out):\n    for r in rows:\n        out.write(dumps(r))\n', lines: [4], name: 'from json import dumps' },
    { code: 'import json\nfrom flask import Flask\napp = Flask(__name__)\n@app.route("/items")\ndef items():\n    return json.dumps(load())\n', lines: [6], name: 'Flask route' },
    { code: 'import json\nfrom fastapi import APIRouter\nrouter = APIRouter()\n@router.get("/x")\nasync def x():\n    return json.loads(await body())\n', lines: [6], name: 'FastAPI route' },
    { code: 'import json\nfrom django.http import HttpResponse\ndef view(request):\n    return HttpResponse(json.dumps(data(request)))\n', lines: [4], name: 'Django view' },
  ],
  notFlagged: [
    { code: 'import json\ndef f(doc):\n    return json.dumps(doc)\n', why: 'one call, not on a hot path' },
    { code: 'import orjson\ndef f(rows):\n    return [orjson.dumps(r) for r in rows]\n', why: 'already orjson' },
    { code: 'import simplejson as json\ndef f(rows):\n    return [json.dumps(r) for r in rows]\n', why: 'simplejson, not the stdlib' },
    { code: 'def f(rows, json):\n    return [json.dumps(r) for r in rows]\n', why: 'a parameter named json' },
    { code: 'import json\ndef f(path):\n    for attempt in (1, 2):\n        return json.load(open(path))\n', why: 'a loop over a 2-item literal' },
    { code: 'import json\ndef view(request):\n    return json.dumps(request.data)\n', why: 'a function taking request, but no Django import' },
    { code: 'import json\nfrom flask import Flask\napp = Flask(__name__)\n@app.errorhandler(404)\ndef nf(e):\n    return json.dumps({})\n', why: 'an error handler, not a route' },
    { code: 'import json\ndef f(users):\n    return json.dumps([u.to_dict() for u in users])\n', why: 'one call: the size of the collection is unknown (corpus: small payloads)' },
    { code: 'import json\ndef f(doc, path):\n    with open(path, "w") as out:\n        json.dump(doc, out, indent=2)\n', why: 'a one-off indented dump (corpus: configuration files)' },
  ],
});
