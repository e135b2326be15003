"""axe-core in the browser tests: the script from the npm registry, run on a page, and the
serious or critical violations that remain after the exclusions below.

The script is fetched once with ``npm pack`` into ``build/axe/`` (git-ignored) and reused.
"""

from __future__ import annotations

import subprocess
import tarfile

from tests.browser.helpers import ROOT

AXE_VERSION = "4.14.1"
AXE_DIR = ROOT / "build" / "axe"
AXE_JS = AXE_DIR / f"axe-{AXE_VERSION}.min.js"

# Rules left out only where Streamlit's own markup breaks them, never our content:
# - list, listitem: Streamlit's sidebar menu (stSidebarNavItems) wraps each <li> of its <ul>
#   in a <div>; a screen reader still announces the links. Ignored inside that menu only.
STREAMLIT_MARKUP = {"list": "stSidebarNav", "listitem": "stSidebarNav"}

_RUN = """async (markup) => {
    const r = await axe.run(document, {resultTypes: ['violations']});
    const out = [];
    for (const v of r.violations) {
        if (!['serious', 'critical'].includes(v.impact)) continue;
        const nodes = v.nodes.filter((n) => {
            const within = markup[v.id];
            const el = document.querySelector(n.target[0]);
            return !(within && el && el.closest(`[data-testid="${within}"]`));
        });
        if (nodes.length) out.push({id: v.id, impact: v.impact, help: v.help,
            nodes: nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + (n.failureSummary || ''))});
    }
    return out;
}"""


def axe_script() -> str:
    """The axe-core script, fetched from the npm registry the first time."""
    if not AXE_JS.exists():
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", str(AXE_DIR)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"npm pack axe-core failed: {done.stderr[-500:]}")
        with tarfile.open(AXE_DIR / f"axe-core-{AXE_VERSION}.tgz") as tar:
            member = tar.extractfile("package/axe.min.js")
            assert member is not None
            AXE_JS.write_bytes(member.read())
    return AXE_JS.read_text(encoding="utf-8")


def serious_violations(page, script: str) -> list[dict]:
    """Serious and critical axe violations on the page as it is now, less Streamlit's own."""
    page.add_script_tag(content=script)
    return page.evaluate(_RUN, STREAMLIT_MARKUP)


def describe(violations: list[dict]) -> str:
    lines = [f"{v['impact']} {v['id']}: {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in violations]
    return "\n".join(lines)
