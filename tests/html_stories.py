"""Stories written for the HTML report's tests: an ordinary one and one whose text attacks the page."""

from __future__ import annotations

import newsprism

# An invented event, told by three outlets.
BRIDGE_A = """Storm Closes Harlow Bridge After Cable Snaps

2025-03-14

A steel cable on the Harlow suspension bridge snapped on Thursday night during a storm, and the city closed the bridge to all traffic, transport commissioner Anna Lund said.

"Nobody was hurt, and we will not reopen until every cable is checked," Lund told reporters on Friday.

The bridge, opened in 1931, carries about 40,000 vehicles a day.

Engineers from the national roads agency arrived on Friday morning to inspect the remaining cables.
"""

BRIDGE_B = """Harlow bridge shut after storm snaps cable

2025-03-14

The city closed the Harlow suspension bridge to all traffic after a steel cable snapped during a storm on Thursday night.

Transport commissioner Anna Lund said nobody was hurt and that the bridge would stay shut until every cable had been checked.

Commuters face detours of up to an hour, the regional bus company warned.

Critics called the city's maintenance record a disgraceful scandal.
"""

# The hostile one: markup, event handlers, script, template syntax and a refresh in the text and
# in every piece of metadata. The page must show all of it as text and run none of it.
HOSTILE_TEXT = """The city closed the Harlow bridge <script>window.__pwned = 1; alert("pwned")</script> on Thursday night after a cable snapped.

Transport commissioner Anna Lund said <img src="x" onerror="window.__pwned = 2; alert(2)"> nobody was hurt.

Readers can <a href="javascript:window.__pwned=3">see the photos</a> of the storm damage, the city said.

The bridge carries about 40,000 vehicles a day </textarea><textarea> and {{ 7*7 }} {% raw %} drivers use it.

Officials said <meta http-equiv="refresh" content="0; url=https://evil.example/"> the inspection would take a week.

Engineers said <style>body{display:none}</style> the cables were checked in 2019 ]]> --> <!-- as well.
"""


def bridge_texts() -> list[newsprism.Text]:
    """The two ordinary reports of the bridge story."""
    return [
        newsprism.Text(BRIDGE_A, origin="a.txt", source="Harlow Courier", author="Eva Stone", published="2025-03-14"),
        newsprism.Text(BRIDGE_B, origin="b.txt", source="Northern Post", agency="Reuters", published="2025-03-14"),
    ]


def hostile_text() -> newsprism.Text:
    """The hostile report, its metadata hostile too."""
    return newsprism.Text(
        HOSTILE_TEXT, origin="evil.txt", source='<img src=x onerror="window.__pwned=4">Evil</img>',
        author="</title><script>window.__pwned=5</script>", title='"><svg onload="window.__pwned=6">{{ title }}',
        url="javascript:window.__pwned=7", published="2025-03-14", language="en",
    )
