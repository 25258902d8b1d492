"""Delivery of produced documents to the patient: email (SMTP, encrypted PDF, .eml drafts).

Stdlib, pypdf and keyring only; no Qt (callers run sending off the GUI thread themselves).
"""
