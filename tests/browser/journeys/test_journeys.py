"""Every journey under every condition: JavaScript off, keyboard only, the screen-reader view,
a slow network, CSS off, and a narrow screen with large text. A failure names the journey, the
step and the condition; what each run measured goes to test-artifacts/journeys.json."""

import pytest

from tests.browser.journeys.journeys import JOURNEYS
from tests.browser.journeys.walk import CONDITIONS, Run


@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("journey", JOURNEYS, ids=[j.__name__ for j in JOURNEYS])
def test_journey(site, scene, journey_results, journey, condition):
    run = Run(journey.__name__.replace("_", " "), condition, site)
    passed = False
    try:
        journey(run, scene)
        passed = not run.problems
    finally:
        run.close()
        journey_results.append(run.record(passed))
    assert not run.problems, "\n".join(run.problems)
