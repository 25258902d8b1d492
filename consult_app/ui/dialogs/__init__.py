"""Dialogs of the consultation: email the patient sheet, clinic settings."""
