#!/usr/bin/env python3
"""Compare `sroi calc --json` of every fixture with a saved baseline: every
value the baseline has must be equal, except payback_months (SPEC §2 changed
it); keys only the new output has are listed."""
import json, subprocess, sys, glob, os
base_dir, sroi = sys.argv[1], sys.argv[2]
changed = {"payback_months"}
bad = 0
def walk(a, b, path, new_keys):
    global bad
    if isinstance(a, dict):
        for k in b.keys() - a.keys() if isinstance(b, dict) else []:
            new_keys.add(f"{path}.{k}".lstrip("."))
        for k, v in a.items():
            if k in changed and path == "":
                continue
            if not isinstance(b, dict) or k not in b:
                print(f"  MISSING {path}.{k}"); bad += 1; continue
            walk(v, b[k], f"{path}.{k}", new_keys)
    elif isinstance(a, list):
        # SPEC §6 adds sensitivity rows (inputs, schedules) after the old ones.
        if isinstance(b, list) and path == ".sensitivity" and len(b) >= len(a):
            if len(b) > len(a):
                new_keys.add(f"sensitivity[+{len(b) - len(a)} rows]")
            b = b[: len(a)]
        if not isinstance(b, list) or len(a) != len(b):
            print(f"  LENGTH {path}"); bad += 1; return
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[]", new_keys)
    elif a != b:
        print(f"  DIFF {path}: {a} -> {b}"); bad += 1
for f in sorted(glob.glob("fixtures/*.yaml") + glob.glob("tests/fixtures/valid/*.yaml")):
    name = os.path.basename(f)[:-5]
    old = json.load(open(f"{base_dir}/{name}.json"))
    new = json.loads(subprocess.run([sroi, "calc", f, "--json"], capture_output=True, text=True).stdout)
    new_keys = set()
    walk(old, new, "", new_keys)
    print(f"{f}: payback {old['payback_months']} -> {new['payback_months']}; new keys: {sorted(new_keys)}")
print("FIGURES DIFFER" if bad else "every baseline figure identical (payback_months aside)")
sys.exit(1 if bad else 0)
