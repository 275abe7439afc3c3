// HS403 cases: pandas row-by-row work, and look-alikes.
import rule from './pandas-row-loop.js';
import { testRule } from '../testing.js';

testRule(rule, {
  flagged: [
    { code: 'import pandas as pd\ndef f(df):\n    out = []\n    for _, row in df.iterrows():\n        out.append(row["a"] * row["b"])\n    return out\n', lines: [4] },
    { code: 'import pandas as pd\ndef f(df):\n    return [r.price - r.cost for r in df.itertuples()]\n', lines: [3], name: 'itertuples comprehension' },
    { code: 'import pandas as pd\ndef f(df):\n    df["t"] = df.apply(lambda r: r["a"] * r["b"], axis=1)\n', lines: [3], name: 'apply axis=1' },
    { code: 'import pandas as pd\ndef f(rows):\n    df = pd.DataFrame()\n    for r in rows:\n        df = pd.concat([df, pd.DataFrame([r])])\n    return df\n', lines: [5], name: 'concat in a loop' },
    { code: 'import pandas as pd\ndef f(rows):\n    df = pd.DataFrame()\n    for r in rows:\n        df = df.append(r, ignore_index=True)\n    return df\n', lines: [5], name: 'append in a loop' },
  ],
  notFlagged: [
    { code: 'def f(df):\n    for _, row in df.iterrows():\n        print(row["a"] * 2)\n', why: 'the module does not import pandas' },
    { code: 'import pandas as pd\ndef f(df):\n    for _, row in df.iterrows():\n        send(row["url"])\n', why: 'per-row I/O, no arithmetic' },
    { code: 'import pandas as pd\ndef f(df):\n    return df.apply(lambda c: c.max() - c.min(), axis=0)\n', why: 'column-wise apply' },
    { code: 'import pandas as pd\ndef f(df):\n    return df.apply(lambda r: fetch(r["id"]), axis=1)\n', why: 'a call per row, not arithmetic' },
    { code: 'import pandas as pd\ndef f(frames):\n    return pd.concat(frames)\n', why: 'one concat of a list' },
    { code: 'import pandas as pd\ndef f(df, rows):\n    for r in rows:\n        extended = df.append(r)\n        show(extended)\n', why: 'the result is not assigned back: no growth' },
  ],
});
