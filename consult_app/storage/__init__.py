"""Persistence with sqlite3: connection, migrations, repositories, audit, backup.

Modules (each documents its API):

- ``db``: ``open_database``, ``transaction``, ``quick_check``; ``migrations``: schema steps.
- ``errors``: ``StorageUnavailable`` (environment's fault, exit 8), ``DuplicateChartNumber``.
- ``patients``: ``PatientRepository``; ``consultations``: ``ConsultationRepository`` (drafts,
  history, sealed treatments); ``consents``: ``seal_consent``; ``document_log``: documents
  produced and delivered.
- ``audit``: the hash-chained audit log; ``verify``: seals and chain check.
- ``backup``: ``backup_to``, ``auto_backup``, ``check_backup``, ``restore``.
"""
