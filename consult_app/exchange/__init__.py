"""Exchange with other systems (the clinic's EMR): FHIR R4B export. Never imported by core."""
