"""axe-core in the e2e tests: `violations(page)` runs the vendored axe-core (tests/e2e/vendor,
axe v4.14.1, MPL-2.0, unchanged from the npm package) on the page and returns the serious
and critical violations, each as «rule: target …» lines, so that an assertion shows them."""

from pathlib import Path

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
SERIOUS = ("serious", "critical")


def violations(page) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(" "))
            }));
        }"""
    )
    return [
        f"{v['id']} ({v['impact']}): {', '.join(v['targets'][:5])}"
        for v in found
        if v["impact"] in SERIOUS
    ]
