"""PDF documents with reportlab: fonts, styles, page templates, sheets, records, letters."""
