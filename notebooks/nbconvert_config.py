# nbconvert settings for executing the course's notebooks: notebooks/refresh.sh
# and the lessons' end-to-end test pass this file with --config.
#
# A cell whose metadata sets goconc.interrupt_after (seconds) is
# interrupted after that long, as a student presses the stop button, so
# that the notebook shows what an interrupted loop prints. Such a cell
# fails and carries the raises-exception tag. `goconc run` reads the same
# metadata. Every other cell may take up to CELL_TIMEOUT seconds.

CELL_TIMEOUT = 120


def cell_timeout(cell):
    """The seconds nbclient waits for a cell before it interrupts it."""
    after = cell.get("metadata", {}).get("goconc", {}).get("interrupt_after")
    if isinstance(after, (int, float)) and after > 0:
        return after
    return CELL_TIMEOUT


c = get_config()  # noqa: F821 (defined by traitlets when it loads this file)
c.ExecutePreprocessor.timeout = CELL_TIMEOUT
c.ExecutePreprocessor.timeout_func = cell_timeout
c.ExecutePreprocessor.interrupt_on_timeout = True
