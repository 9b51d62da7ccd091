"""What every topic shares: argument validation, the workbook style, bundled-data loading,
the exercise checker and the fast-figure layer behind every explorer.

Modules: ``validate``, ``style``, ``bundled_data``, ``file_reading`` (a student's own files:
encodings, separators, workbooks, dates), ``exercises``, ``fastfigure``, ``controls`` (the
declared controls of an explorer's inputs), ``explorer`` (the ``Explorer`` base class),
``messages`` (the message catalogue: English source text, PO catalogues in ``locale/``),
``dates`` (dates written in the workbook's language).
"""
