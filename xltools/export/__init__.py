"""Outputs: the ``convert`` workbook, records/JSON, pandas frames, the published layout, and
the rules every writer shares (formula injection, names).  One module per engine
(:mod:`~xltools.export.xlsxwriter_book`, :mod:`~xltools.export.openpyxl_cells`), each imported lazily."""
