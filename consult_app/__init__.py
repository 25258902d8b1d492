"""Neuromodulator Consult: a consultation aid for botulinum toxin injections."""

APP_NAME = "Neuromodulator Consult"
APP_ID = "consult-app"
ORG_NAME = "Neuromodulator Consult"
__version__ = "0.1.0"
