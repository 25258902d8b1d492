"""One FHIR R4B ``Bundle`` (type ``collection``) per patient (case-format 1.1, "FHIR").

Resources: the Patient; a Practitioner per clinician named; per consultation with a sealed
consent a Consent (``active`` when given, ``rejected`` when declined; the seal as an identifier),
a Provenance whose signature carries the seal, a QuestionnaireResponse of the screening answers
(with a Questionnaire per protocol version), a Medication per vial (lot, expiry), a
MedicationAdministration per area and side given (units ``[iU]``, UCUM), an Observation per
outcome score (baseline at the consultation, then each follow-up) and an AdverseEvent per adverse
event reported at a follow-up.

IDs are UUID 5 of the database ids, so re-exporting gives the same ids; every reference is an
``urn:uuid:`` ``fullUrl`` inside the bundle. Each resource is validated with ``fhir.resources``
(R4B): an invalid one raises :class:`FhirExportError` naming the resource and the field.
Codes come from ``resources/exchange/fhir.toml`` (``fhir_codes``).
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any, Final

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from consult_app.core.protocol import Protocol
from consult_app.exchange.fhir_codes import FhirCodes
from consult_app.exchange.fhir_read import ConsultationRecord, PatientRecord

__all__ = ["FhirExportError", "build_bundle", "resource_uuid"]

_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "urn:consult-app:fhir")
# Structural code systems defined by FHIR itself (not clinical content).
_CONSENT_SCOPE: Final = "http://terminology.hl7.org/CodeSystem/consentscope"
_LOINC: Final = "http://loinc.org"
_OBS_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"
_AE_SEVERITY: Final = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
_AE_OUTCOME: Final = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"
_SIGNATURE_TYPE: Final = "urn:iso-astm:E1762-95:2013"
_GENDER: Final = {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}


class FhirExportError(Exception):
    """A resource failed FHIR validation (a bug): names the resource and the field."""


def resource_uuid(*parts: object) -> str:
    """The stable id of a resource: UUID 5 of its kind and database ids."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


def _ref(rid: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{rid}"}


def _instant(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _date(value: object) -> str | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


class _Builder:
    def __init__(self, record: PatientRecord, protocol: Protocol, codes: FhirCodes) -> None:
        self.record = record
        self.protocol = protocol
        self.codes = codes
        self.lang = record.patient.language
        self.entries: dict[str, dict[str, Any]] = {}
        self.patient_id = resource_uuid("patient", record.patient.id)
        self.suspects: dict[int, str] = {}  # consultation id -> what was given (first of)

    def add(self, resource: dict[str, Any], updated: dt.datetime) -> str:
        rid = str(resource["id"])
        resource["meta"] = {"lastUpdated": _instant(updated)}
        model = get_fhir_model_class(resource["resourceType"])
        try:
            model.model_validate(resource)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first.get("loc", ())) or "?"
            raise FhirExportError(
                f"{resource['resourceType']}/{rid}: field {field}: {first.get('msg', 'invalid')}"
            ) from None
        self.entries.setdefault(rid, resource)
        return rid

    def local(self, kind: str, code: str, display: str | None = None) -> dict[str, str]:
        coding = {"system": self.codes.local(kind), "code": code}
        if display:
            coding["display"] = display
        return coding

    # -- people ------------------------------------------------------------------------------

    def patient(self) -> None:
        p = self.record.patient
        resource: dict[str, Any] = {
            "resourceType": "Patient",
            "id": self.patient_id,
            "name": [{"text": p.name}],
            "birthDate": p.birth_date.isoformat(),
            "gender": _GENDER.get(p.sex, "unknown"),
            "communication": [
                {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": p.language}]}}
            ],
        }
        if p.chart_number:
            resource["identifier"] = [
                {"system": self.codes.local("chart-number"), "value": p.chart_number}
            ]
        telecom = [{"system": "phone", "value": p.phone}] if p.phone else []
        telecom += [{"system": "email", "value": p.email}] if p.email else []
        if telecom:
            resource["telecom"] = telecom
        self.add(resource, p.created_at)

    def practitioner(self, name: object, when: dt.datetime) -> str | None:
        if not isinstance(name, str) or not name.strip():
            return None
        rid = resource_uuid("practitioner", name.strip())
        if rid not in self.entries:
            self.add({"resourceType": "Practitioner", "id": rid, "name": [{"text": name}]}, when)
        return rid

    # -- consultations -----------------------------------------------------------------------

    def consultation(self, c: ConsultationRecord) -> None:
        payload = c.consent
        when = c.sealed_at
        date = _date(payload.get("date")) or when.date().isoformat()
        decision = payload.get("consent") if isinstance(payload.get("consent"), Mapping) else {}
        clinician = self.practitioner(
            payload.get("clinician") or (decision or {}).get("clinician"), when
        )
        consent_id = resource_uuid("consent", c.consent_id)
        attachment: dict[str, Any] = {
            "contentType": "application/pdf",
            "title": "Consultation record (consent)",
            "creation": _instant(when),
        }
        identifiers = [{"system": self.codes.local("consent-seal-sha256"), "value": c.seal}]
        if c.record_sha256:
            identifiers.append(
                {"system": self.codes.local("record-pdf-sha256"), "value": c.record_sha256}
            )
        protocol = payload.get("protocol") if isinstance(payload.get("protocol"), Mapping) else {}
        consent: dict[str, Any] = {
            "resourceType": "Consent",
            "id": consent_id,
            "identifier": identifiers,
            "status": "active" if c.decision == "given" else "rejected",
            "scope": {"coding": [{"system": _CONSENT_SCOPE, "code": "treatment"}]},
            "category": [
                {"coding": [{"system": _LOINC, "code": "59284-0", "display": "Consent Document"}]},
                {"coding": [self.local("consent", "toxin-treatment", "Botulinum toxin treatment")]},
            ],
            "patient": _ref(self.patient_id),
            "dateTime": _instant(when),
            "sourceAttachment": attachment,
            "provision": {
                "type": "permit" if c.decision == "given" else "deny",
                "period": {"start": date},
            },
        }
        if protocol and protocol.get("id") and protocol.get("version"):
            consent["policy"] = [
                {"uri": f"{self.codes.local('protocol')}:{protocol['id']}:{protocol['version']}"}
            ]
        if clinician:
            consent["performer"] = [_ref(clinician)]
        self.add(consent, when)
        self.provenance(c, consent_id, clinician, when)
        self.screening(c, date, clinician, when)
        for outcome, score in sorted((payload.get("outcomes") or {}).items()):
            self.observation(("baseline", c.id, outcome), outcome, score, date, when, consent_id)
        if c.decision == "given":
            self.administration(c, consent_id, date, when)

    def provenance(
        self, c: ConsultationRecord, consent_id: str, clinician: str | None, when: dt.datetime
    ) -> None:
        who = _ref(clinician) if clinician else _ref(self.patient_id)
        self.add(
            {
                "resourceType": "Provenance",
                "id": resource_uuid("provenance", c.consent_id),
                "target": [_ref(consent_id)],
                "recorded": _instant(when),
                "agent": [{"who": who}],
                "signature": [
                    {
                        "type": [
                            {
                                "system": _SIGNATURE_TYPE,
                                "code": "1.2.840.10065.1.12.1.7",
                                "display": "Consent Signature",
                            }
                        ],
                        "when": _instant(when),
                        "who": who,
                        "targetFormat": "application/json",
                        "sigFormat": "text/plain",
                        "data": base64.b64encode(c.seal.encode("ascii")).decode("ascii"),
                    }
                ],
            },
            when,
        )

    def questionnaire(self, protocol: Mapping[str, Any], when: dt.datetime) -> tuple[str, str]:
        pid = str(protocol.get("id") or self.protocol.id)
        version = str(protocol.get("version") or self.protocol.version)
        url = f"{self.codes.local('questionnaire')}:{pid}:{version}"
        rid = resource_uuid("questionnaire", pid, version)
        if rid not in self.entries:
            items = [
                {
                    "linkId": q.id,
                    "text": q.text.get(self.lang),
                    "type": "choice",
                    "answerOption": [
                        {"valueCoding": self.local("screening-answer", a, a)} for a in ("yes", "no")
                    ],
                }
                for q in self.protocol.questions.values()
            ]
            resource = {
                "resourceType": "Questionnaire",
                "id": rid,
                "url": url,
                "version": version,
                "name": "ScreeningQuestions",
                "title": f"Screening questions, protocol {pid} {version}",
                "status": "active",
                "subjectType": ["Patient"],
                "item": items,
            }
            self.add(resource, when)
        return url, rid

    def screening(
        self, c: ConsultationRecord, date: str, clinician: str | None, when: dt.datetime
    ) -> None:
        answers = c.consent.get("answers")
        if not isinstance(answers, Mapping) or not answers:
            return
        protocol = c.consent.get("protocol")
        url, _ = self.questionnaire(protocol if isinstance(protocol, Mapping) else {}, when)
        reasons = c.consent.get("reasons") if isinstance(c.consent.get("reasons"), Mapping) else {}
        items = []
        for qid, value in sorted(answers.items()):
            question = self.protocol.questions.get(qid)
            answer: dict[str, Any] = (
                {"valueCoding": self.local("screening-answer", value, value)}
                if value in ("yes", "no")
                else {"valueString": str(value)}
            )
            item: dict[str, Any] = {"linkId": str(qid), "answer": [answer]}
            if question is not None:
                item["text"] = question.text.get(self.lang)
            reason = (reasons or {}).get(qid)
            if isinstance(reason, str) and reason.strip():
                answer["item"] = [{"linkId": f"{qid}.reason", "answer": [{"valueString": reason}]}]
            items.append(item)
        resource: dict[str, Any] = {
            "resourceType": "QuestionnaireResponse",
            "id": resource_uuid("screening", c.consent_id),
            "questionnaire": url,
            "status": "completed",
            "subject": _ref(self.patient_id),
            "authored": _instant(when),
            "item": items,
        }
        if clinician:
            resource["author"] = _ref(clinician)
        self.add(resource, when)

    def product_concept(self, product: object, name: object) -> dict[str, Any]:
        m = self.codes.medication
        codings = [{"system": m.system, "code": m.code, "display": m.display}]
        if isinstance(product, str):
            known = self.protocol.products.get(product)
            display = name if isinstance(name, str) else (known.generic if known else product)
            codings.append(self.local("product", product, display))
        return {"coding": codings, "text": name if isinstance(name, str) else m.display}

    def medications(
        self, c: ConsultationRecord, vials: list[dict[str, Any]], when: dt.datetime
    ) -> list[str]:
        out = []
        for index, vial in enumerate(vials):
            batch: dict[str, Any] = {"lotNumber": str(vial.get("lot") or vial.get("number"))}
            expiry = _date(vial.get("expiry"))
            if expiry:
                batch["expirationDate"] = expiry
            resource: dict[str, Any] = {
                "resourceType": "Medication",
                "id": resource_uuid("medication", c.id, index, batch["lotNumber"]),
                "code": self.product_concept(
                    c.consent.get("product"), c.consent.get("product_name")
                ),
                "batch": batch,
            }
            size = vial.get("size_units")
            if isinstance(size, int | float) and not isinstance(size, bool) and size > 0:
                u = self.codes.units
                resource["amount"] = {
                    "numerator": {
                        "value": size,
                        "unit": u.display,
                        "system": u.system,
                        "code": u.code,
                    },
                    "denominator": {"value": 1, "unit": "vial"},
                }
            out.append(self.add(resource, when))
        if out:
            self.suspects.setdefault(c.id, out[0])
        return out

    def administration(
        self, c: ConsultationRecord, consent_id: str, date: str, when: dt.datetime
    ) -> None:
        given = c.administration
        if given is None:  # consented, not recorded: the consent's lot is the vial
            lot = c.consent.get("lot")
            if isinstance(lot, Mapping) and lot.get("number"):
                self.medications(c, [dict(lot)], when)
            return
        vials = [v for v in given.get("vials") or () if isinstance(v, Mapping)]
        meds = self.medications(c, [dict(v) for v in vials], when)
        if given.get("status") != "treated" or not meds:
            return
        clinician = self.practitioner(given.get("clinician"), when)
        u = self.codes.units
        first: str | None = None  # the first administration is the adverse events' suspect
        for area, sides in sorted((given.get("given") or {}).items()):
            if not isinstance(sides, Mapping):
                continue
            for side, units in sorted(sides.items()):
                if not isinstance(units, int | float) or isinstance(units, bool) or units <= 0:
                    continue
                resource: dict[str, Any] = {
                    "resourceType": "MedicationAdministration",
                    "id": resource_uuid("administration", c.id, area, side),
                    "status": "completed",
                    "medicationReference": _ref(meds[0]),
                    "subject": _ref(self.patient_id),
                    "effectiveDateTime": _date(given.get("date")) or date,
                    "supportingInformation": [_ref(consent_id)],
                    "dosage": {
                        "site": self.site(str(area), str(side)),
                        "dose": {
                            "value": units,
                            "unit": u.display,
                            "system": u.system,
                            "code": u.code,
                        },
                    },
                }
                if clinician:
                    resource["performer"] = [{"actor": _ref(clinician)}]
                if len(meds) > 1:
                    resource["note"] = [{"text": f"From {len(meds)} vials (see the Medications)."}]
                if first is None:
                    first = self.suspects[c.id] = resource["id"]
                self.add(resource, when)

    def site(self, area: str, side: str) -> dict[str, Any]:
        known = self.protocol.areas.get(area)
        name = known.name.get(self.lang) if known else area
        codings = []
        standard = self.codes.sites.get(area)
        if standard is not None:
            codings.append(
                {"system": standard.system, "code": standard.code, "display": standard.display}
            )
        codings.append(self.local("site", area, name))
        return {"coding": codings, "text": f"{name}, {side}"}

    def observation(
        self,
        key: tuple[object, ...],
        outcome: str,
        score: object,
        date: str,
        when: dt.datetime,
        focus: str | None = None,
    ) -> None:
        if not isinstance(score, int) or isinstance(score, bool):
            return
        known = self.protocol.outcomes.get(outcome)
        name = known.name.get(self.lang) if known else outcome
        codings = []
        standard = self.codes.outcomes.get(outcome)
        if standard is not None:
            codings.append(
                {"system": standard.system, "code": standard.code, "display": standard.display}
            )
        codings.append(self.local("outcome", outcome, name))
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "id": resource_uuid("observation", *key),
            "status": "final",
            "category": [{"coding": [{"system": _OBS_CATEGORY, "code": "survey"}]}],
            "code": {"coding": codings, "text": name},
            "subject": _ref(self.patient_id),
            "effectiveDateTime": date,
            "valueInteger": score,
        }
        if focus:
            resource["focus"] = [_ref(focus)]
        self.add(resource, when)

    # -- follow-ups --------------------------------------------------------------------------

    def followups(self) -> None:
        for f in self.record.followups:
            p = f.payload
            date = _date(p.get("date")) or f.recorded_at.date().isoformat()
            for outcome, score in sorted((p.get("outcomes") or {}).items()):
                self.observation(("followup", f.id, outcome), outcome, score, date, f.recorded_at)
            clinician = self.practitioner(p.get("clinician"), f.recorded_at)
            for index, event in enumerate(p.get("adverse_events") or ()):
                if isinstance(event, Mapping):
                    suspect = self.suspects.get(f.consultation_id)
                    self.adverse_event(f.id, index, event, date, f.recorded_at, clinician, suspect)

    def adverse_event(
        self,
        followup_id: int,
        index: int,
        event: Mapping[str, Any],
        date: str,
        when: dt.datetime,
        clinician: str | None,
        suspect: str | None,
    ) -> None:
        risk = str(event.get("risk"))
        found = next((r for r in self.protocol.content.risks if r.id == risk), None)
        name = found.label.get(self.lang) if found else risk
        resource: dict[str, Any] = {
            "resourceType": "AdverseEvent",
            "id": resource_uuid("adverse-event", followup_id, index),
            "actuality": "actual",
            "event": {"coding": [self.local("adverse-event", risk, name)], "text": name},
            "subject": _ref(self.patient_id),
            "date": _date(event.get("onset")) or date,
            "recordedDate": date,
            "outcome": {
                "coding": [
                    {
                        "system": _AE_OUTCOME,
                        "code": "resolved" if event.get("resolved") else "ongoing",
                    }
                ]
            },
        }
        severity = event.get("severity")
        if severity in ("mild", "moderate", "severe"):
            resource["severity"] = {"coding": [{"system": _AE_SEVERITY, "code": severity}]}
        if clinician:
            resource["recorder"] = _ref(clinician)
        if suspect:
            resource["suspectEntity"] = [{"instance": _ref(suspect)}]
        self.add(resource, when)


def build_bundle(record: PatientRecord, protocol: Protocol, codes: FhirCodes) -> dict[str, Any]:
    """Return the patient's validated Bundle as JSON-ready data.

    Raises:
        FhirExportError: a resource (or the bundle) is not valid FHIR R4B.
    """
    b = _Builder(record, protocol, codes)
    b.patient()
    for c in record.consultations:
        b.consultation(c)
    b.followups()
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "id": resource_uuid("bundle", record.patient.id),
        "type": "collection",
        "entry": [
            {"fullUrl": f"urn:uuid:{rid}", "resource": resource}
            for rid, resource in b.entries.items()
        ],
    }
    latest = max(
        [record.patient.created_at]
        + [c.sealed_at for c in record.consultations]
        + [f.recorded_at for f in record.followups]
    )
    bundle["meta"] = {"lastUpdated": _instant(latest)}
    bundle["timestamp"] = _instant(latest)
    # The entries were validated one by one (``add``); the bundle's own fields are checked on a
    # shell without them, so no resource is validated twice (the export's cost is validation).
    shell = {k: v for k, v in bundle.items() if k != "entry"}
    try:
        get_fhir_model_class("Bundle").model_validate(shell)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or "?"
        raise FhirExportError(f"Bundle: field {field}: {first.get('msg', 'invalid')}") from None
    return bundle
