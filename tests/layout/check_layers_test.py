#!/usr/bin/env python3
"""check_layers.py, tested on small made-up trees: it must find every kind of violation
(an include up a layer, a public header including a private one, a header or a folder
missing from the map, a tool using private headers, an include relative to its folder)
and pass a tree that keeps the map. Usage: check_layers_test.py CHECK_LAYERS_PY"""

import os
import subprocess
import sys
import tempfile

TABLE = """# map
<!-- modules: begin -->
| module | responsibility | public headers |
|---|---|---|
| support | errors | error.hpp |
| numeric | decimals | decimal.hpp |
| settle | the engine | settlement.hpp duixian.hpp |
<!-- modules: end -->
"""


def tree(files):
    root = tempfile.mkdtemp(prefix="layers-")
    base = {
        "docs/architecture.md": TABLE,
        "include/duixian/error.hpp": "#pragma once\n",
        "include/duixian/decimal.hpp": '#pragma once\n#include "duixian/error.hpp"\n',
        "include/duixian/settlement.hpp": '#pragma once\n#include "duixian/decimal.hpp"\n#include <vector>\n',
        "include/duixian/duixian.hpp": '#include "duixian/error.hpp"\n#include "duixian/decimal.hpp"\n'
                                       '#include "duixian/settlement.hpp"\n',
        "src/support/error.cpp": '#include "duixian/error.hpp"\n#include "support/quoted.hpp"\n',
        "src/support/quoted.hpp": "#pragma once\n",
        "src/numeric/decimal.cpp": '#include "duixian/decimal.hpp"\n#include "support/quoted.hpp"\n',
        "src/settle/engine.hpp": '#pragma once\n#include "duixian/settlement.hpp"\n',
        "src/settle/engine.cpp": '#include "settle/engine.hpp"\n#include "numeric/u128.hpp"\n',
        "src/numeric/u128.hpp": "#pragma once\n",
        "tools/cli/main.cpp": '#include "duixian/settlement.hpp"\n#include "inputs.hpp"\n',
        "tools/cli/inputs.hpp": "#pragma once\n",
        "tools/datagen/writer.cpp": '#include "support/quoted.hpp"\n',
    }
    base.update(files)
    for rel, text in base.items():
        if text is None:
            continue
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return root


def run(script, root, *flags):
    r = subprocess.run([sys.executable, script, *flags, root], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    return r.returncode, r.stdout


def expect(script, name, files, status, *phrases, flags=()):
    code, out = run(script, tree(files), *flags)
    if code != status or any(p not in out for p in phrases):
        raise SystemExit("%s: expected status %d and %r, got %d:\n%s" % (name, status, phrases, code, out))
    print("ok:", name)


def main():
    script = sys.argv[1]
    expect(script, "a tree that keeps the map passes", {}, 0, "no include goes up a layer")
    expect(script, "an include up a layer", {"src/numeric/decimal.cpp": '#include "settle/engine.hpp"\n'}, 1,
           'src/numeric/decimal.cpp:1: includes "settle/engine.hpp" of module settle, which is above numeric')
    expect(script, "a public header of a higher module", {"src/support/error.cpp": '#include "duixian/decimal.hpp"\n'},
           1, "of module numeric, which is above support")
    expect(script, "a public header including a private one",
           {"include/duixian/decimal.hpp": '#include "support/quoted.hpp"\n'}, 1,
           'include/duixian/decimal.hpp:1: a public header includes the private "support/quoted.hpp"')
    expect(script, "a public header going up", {"include/duixian/error.hpp": '#include "duixian/decimal.hpp"\n'}, 1,
           "include/duixian/error.hpp:1: includes \"duixian/decimal.hpp\" of module numeric, which is above support")
    expect(script, "a header missing from the map", {"include/duixian/money.hpp": "#pragma once\n"}, 1,
           "include/duixian/money.hpp: a public header that docs/architecture.md does not list")
    expect(script, "a folder missing from the map", {"src/ledger/memory.cpp": "\n"}, 1,
           "src/ledger/: a folder that docs/architecture.md does not list as a module")
    expect(script, "an include of no module", {"src/settle/engine.cpp": '#include "ledger/rules.hpp"\n'}, 1,
           'includes "ledger/rules.hpp", which is in no module')
    expect(script, "an include relative to its folder", {"src/settle/engine.cpp": '#include "engine.hpp"\n'}, 1,
           'src/settle/engine.cpp:1: includes "engine.hpp" relative to its folder')
    expect(script, "the CLI using a private header", {"tools/cli/main.cpp": '#include "support/quoted.hpp"\n'}, 1,
           'tools/cli/main.cpp:1: includes the private "support/quoted.hpp"; tools/cli may use public headers only')
    expect(script, "the data generator using a settle header", {"tools/datagen/writer.cpp": '#include "settle/engine.hpp"\n'},
           1, "tools/datagen may use public headers and support")
    expect(script, "the umbrella header complete", {}, 0, "every public header in duixian.hpp", flags=("--umbrella",))
    expect(script, "the umbrella header missing one",
           {"include/duixian/duixian.hpp": '#include "duixian/error.hpp"\n#include "duixian/settlement.hpp"\n'}, 1,
           "include/duixian/duixian.hpp does not include duixian/decimal.hpp", flags=("--umbrella",))
    print("check_layers.py finds every kind of violation")


if __name__ == "__main__":
    main()
