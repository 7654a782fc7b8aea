import json

# Compares pds-results.json with sandbox-results.json written by compare.cjs (see README.md).
pds=json.load(open('pds-results.json')); sb=json.load(open('sandbox-results.json'))
def shape(v):
    if isinstance(v, dict): return {k: shape(x) for k,x in v.items()}
    if isinstance(v, list): return [shape(x) for x in v[:2]]
    return type(v).__name__
for k in pds:
    a=pds[k]; b=sb.get(k)
    if b is None: print('MISSING in sandbox:',k); continue
    if not isinstance(a, dict) or 'status' not in a:
        print('==',k); print('  pds:',json.dumps(a)[:600]); print('  sbx:',json.dumps(b)[:600]); continue
    diffs=[]
    if a['status']!=b['status']: diffs.append(f"status {a['status']} vs {b['status']}")
    ab, bb = a['body'], b['body']
    if isinstance(ab, dict) and 'error' in ab or isinstance(bb, dict) and 'error' in (bb or {}):
        if ab!=bb: diffs.append(f"body {json.dumps(ab)} vs {json.dumps(bb)}")
    elif json.dumps(shape(ab),sort_keys=False)!=json.dumps(shape(bb),sort_keys=False):
        diffs.append(f"shape\n     pds {json.dumps(shape(ab))[:700]}\n     sbx {json.dumps(shape(bb))[:700]}")
    ha={x:y for x,y in a['headers'].items()}; hb=b['headers']
    hk=set(ha)|set(hb)
    hd=[f"{h}: {ha.get(h)!r} vs {hb.get(h)!r}" for h in sorted(hk) if (ha.get(h) is None)!=(hb.get(h) is None) or (h in('content-type','cache-control','vary','ratelimit-policy','ratelimit-limit') and ha.get(h)!=hb.get(h))]
    if hd: diffs.append('headers '+'; '.join(hd))
    if diffs: print('##',k); [print('   ',d) for d in diffs]
