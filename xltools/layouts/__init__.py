"""Table layouts: how rows become projects and indicators, family by family.

* :mod:`.published` — one row per project (绩效指标 in one cell) and one row per indicator (export);
* :mod:`.forms` — one form per project: :mod:`.labels` (label cells), :mod:`.grid` (the indicator
  grid's header), :mod:`.entries` (its rows);
* :mod:`.vocab` — header and label words, as data;  :mod:`.report` — what ``inspect`` shows.

:func:`xltools.table.read_table` dispatches between them; :func:`xltools.table.inspect_rows`
reports what was recognised where.
"""
