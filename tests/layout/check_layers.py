#!/usr/bin/env python3
"""The module map of docs/architecture.md, enforced.

    check_layers.py ROOT            check the tree at ROOT; print every violation; exit 1 if any
    check_layers.py --umbrella ROOT check that include/duixian/duixian.hpp includes every public header

The table between `<!-- modules: begin -->` and `<!-- modules: end -->` lists the modules
in layer order with their public headers. A file of src/<module>/ or a public header of a
module may include (with "...") only headers of its own module or of modules listed
before it; src/capi/ may include everything. A public header may include only public
headers. tools/cli may include only public headers; tools/datagen public ones and
support's. Every folder of src/ and every header of include/duixian/ must be in the table.
Includes in <...> are third-party or standard and are not checked.
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
GENERATED = {"version.hpp"}  # written into the build tree from cmake/version.hpp.in


def read_table(root):
    path = os.path.join(root, "docs", "architecture.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        body = text.split("<!-- modules: begin -->", 1)[1].split("<!-- modules: end -->", 1)[0]
    except IndexError:
        raise SystemExit("%s: no module table between <!-- modules: begin --> and <!-- modules: end -->" % path)
    order, public = [], {}
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("module", "") or set(cells[0]) <= {"-"}:
            continue
        module, _, headers = cells
        order.append(module)
        for h in headers.split():
            if h in public:
                raise SystemExit("%s: %s is listed for %s and %s" % (path, h, public[h], module))
            public[h] = module
    if not order:
        raise SystemExit("%s: the module table is empty" % path)
    return order, public


def module_of_include(name, public, modules):
    """The module an include names, or None for one the map does not know."""
    if name.startswith("duixian/"):
        return public.get(name[len("duixian/"):])
    head = name.split("/", 1)[0]
    return head if head in modules and "/" in name else None


def sources(folder):
    for base, _, files in os.walk(folder):
        for f in sorted(files):
            if f.endswith((".hpp", ".cpp", ".h", ".c", ".in")):
                yield os.path.join(base, f)


def includes(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                yield number, m.group(1)


def check(root):
    order, public = read_table(root)
    rank = {m: i for i, m in enumerate(order)}
    problems = []

    inc = os.path.join(root, "include", "duixian")
    for h in sorted(os.listdir(inc)):
        if h not in public:
            problems.append("include/duixian/%s: a public header that docs/architecture.md does not list" % h)
    for h, m in public.items():
        if h not in GENERATED and not os.path.exists(os.path.join(inc, h)):
            problems.append("docs/architecture.md lists %s for %s, but include/duixian/%s does not exist" % (h, m, h))

    src = os.path.join(root, "src")
    for d in sorted(os.listdir(src)):
        if os.path.isdir(os.path.join(src, d)) and d not in rank:
            problems.append("src/%s/: a folder that docs/architecture.md does not list as a module" % d)

    def visit(path, own, public_header=False, allowed=None):
        rel = os.path.relpath(path, root)
        local = os.path.dirname(path)
        for number, name in includes(path):
            if "/" not in name and os.path.exists(os.path.join(local, name)):
                if own is not None and not rel.startswith(("tools/", "tests/")):
                    problems.append('%s:%d: includes "%s" relative to its folder; write it from src/ '
                                    '("%s/%s")' % (rel, number, name, own, name))
                continue
            target = module_of_include(name, public, rank)
            if target is None:
                problems.append('%s:%d: includes "%s", which is in no module of docs/architecture.md' % (rel, number, name))
                continue
            if public_header and not name.startswith("duixian/"):
                problems.append('%s:%d: a public header includes the private "%s"' % (rel, number, name))
            elif allowed is not None:
                if not (name.startswith("duixian/") or target in allowed):
                    problems.append('%s:%d: includes the private "%s"; %s may use public headers%s' %
                                    (rel, number, name, os.path.dirname(rel),
                                     (" and " + ", ".join(sorted(allowed))) if allowed else " only"))
            elif own != "capi" and rank[target] > rank[own]:
                problems.append('%s:%d: includes "%s" of module %s, which is above %s (docs/architecture.md)' %
                                (rel, number, name, target, own))

    for h in sorted(os.listdir(inc)):
        if h in public:
            visit(os.path.join(inc, h), public[h], public_header=True)
    for module in order:
        folder = os.path.join(src, module)
        if os.path.isdir(folder):
            for path in sources(folder):
                visit(path, module)
    tool_rules = {"cli": set(), "datagen": {"support"}}
    for tool, allowed in tool_rules.items():
        folder = os.path.join(root, "tools", tool)
        if os.path.isdir(folder):
            for path in sources(folder):
                visit(path, None, allowed=allowed)
    return problems


def check_umbrella(root):
    _, public = read_table(root)
    umbrella = os.path.join(root, "include", "duixian", "duixian.hpp")
    named = {name[len("duixian/"):] for _, name in includes(umbrella) if name.startswith("duixian/")}
    wanted = {h for h in public if h.endswith(".hpp") and h != "duixian.hpp"}
    return ["include/duixian/duixian.hpp does not include duixian/%s" % h for h in sorted(wanted - named)]


def main(argv):
    umbrella = "--umbrella" in argv
    args = [a for a in argv if a != "--umbrella"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check_umbrella(args[0]) if umbrella else check(args[0])
    for p in problems:
        print(p)
    if problems:
        print("%d problem(s) with the module map (docs/architecture.md)" % len(problems))
        return 1
    print("the tree keeps the module map: %s" % ("every public header in duixian.hpp" if umbrella
                                                  else "no include goes up a layer"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
