"""One FHIR R4B ``Bundle`` (type ``collection``) per patient (case-format 1.1, "FHIR").

Resources: the Patient; the clinic's Organization (when its name is set); a Practitioner per
clinician named; an Encounter per visit (each consultation with a sealed consent, each
follow-up); per consultation a Consent (``active`` when given, ``rejected`` when declined; the
seal as an identifier; the record PDF as ``sourceAttachment`` with its SHA-1 and size), a
Provenance whose signature carries the seal, a QuestionnaireResponse of the screening answers
(with a Questionnaire per protocol version used), a Medication per vial (lot, expiry), a
MedicationAdministration per area and side given (units ``[iU]``, UCUM); an Observation per
outcome score (baseline at the consultation, then each follow-up, each in its Encounter) and an
AdverseEvent per adverse event reported at a follow-up.

IDs are UUID 5 of the database ids under the clinic's own namespace (a random seed made once per
database, ``storage.clinic_identity``): re-exporting gives the same ids, two clinics never share
one. Every reference is an ``urn:uuid:`` ``fullUrl`` inside the bundle. Times carry the clinic's
UTC offset (``ExportContext.zone``). Each resource is validated with ``fhir.resources`` (R4B): an
invalid one raises :class:`FhirExportError` naming the resource and the field. Codes and fixed
texts come from ``resources/exchange/fhir.toml`` (``fhir_codes``).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from consult_app.core.protocol import Protocol
from consult_app.exchange.fhir_codes import FhirCodes
from consult_app.exchange.fhir_read import ConsultationRecord, PatientRecord

__all__ = ["ExportContext", "FhirExportError", "build_bundle", "split_name"]

# Structural code systems defined by FHIR and HL7 themselves (not clinical content).
_CONSENT_SCOPE: Final = "http://terminology.hl7.org/CodeSystem/consentscope"
_LOINC: Final = "http://loinc.org"
_OBS_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"
_AE_SEVERITY: Final = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
_AE_OUTCOME: Final = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"
_SIGNATURE_TYPE: Final = "urn:iso-astm:E1762-95:2013"
_ID_TYPE: Final = "http://terminology.hl7.org/CodeSystem/v2-0203"
_ACT_CODE: Final = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
_GENDER: Final = {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}
_ANSWERS: Final = ("yes", "no", "unsure")
# Family-name particles that stay with the family name ("Jean de la Fontaine").
_PARTICLES: Final = frozenset(
    {
        *("de", "del", "della", "der", "des", "di", "do", "dos", "du", "da", "das", "la", "le"),
        *("van", "von", "ter", "ten", "st", "st.", "saint", "bin", "ibn"),
    }
)
_LATIN: Final = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff' .\-]+$")


class FhirExportError(Exception):
    """A resource failed FHIR validation (a bug): names the resource and the field."""


@dataclass(frozen=True, slots=True)
class ExportContext:
    """What the export needs of the clinic.

    Attributes:
        seed: the database's export seed (``storage.clinic_identity.export_seed``).
        zone: the clinic's time zone (offsets of exported times; naive local times read in it).
        clinic_name: the clinic's name ('' when unset: no Organization is exported).
        with_documents: embed each record PDF in its Consent's ``sourceAttachment``.
    """

    seed: str
    zone: dt.tzinfo
    clinic_name: str = ""
    with_documents: bool = False

    @property
    def namespace(self) -> uuid.UUID:
        """The UUID 5 namespace of this clinic's resource ids."""
        return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:consult-app:fhir:{self.seed}")


def split_name(name: str) -> tuple[list[str], str] | None:
    """Given names and family name of a one-field name, or None when it cannot be told.

    The app stores a name as written; for an EMR the last word is taken as the family name, with
    the lower-case particles before it (``de``, ``van``...), in Latin script only. A one-word
    name, or one in another script (where the order differs), gives None: ``text`` alone.
    """
    words = name.split()
    if len(words) < 2 or not _LATIN.match(name):
        return None
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].casefold() in _PARTICLES:
        family_start -= 1
    return words[:family_start], " ".join(words[family_start:])


def _ref(rid: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{rid}"}


def _date(value: object) -> str | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def _aware(value: object) -> dt.datetime | None:
    """An aware datetime from ISO text with an offset, else None."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


class _Builder:
    def __init__(
        self, record: PatientRecord, protocol: Protocol, codes: FhirCodes, context: ExportContext
    ) -> None:
        self.record = record
        self.protocol = protocol
        self.codes = codes
        self.context = context
        self.zone = context.zone
        self.lang = record.patient.language
        self.entries: dict[str, dict[str, Any]] = {}
        self.patient_id = self.uuid("patient", record.patient.id)
        self.organization: str | None = None
        self.suspects: dict[int, str] = {}  # consultation id -> the first administration
        self.encounters: dict[int, str] = {}  # consultation id -> its Encounter

    # -- helpers -----------------------------------------------------------------------------

    def uuid(self, *parts: object) -> str:
        """The stable id of a resource: UUID 5 of its kind and database ids, per clinic."""
        return str(uuid.uuid5(self.context.namespace, "/".join(str(p) for p in parts)))

    def clinic_system(self, kind: str) -> str:
        """A URI naming one of this clinic's identifier systems (chart numbers...)."""
        clinic = uuid.uuid5(self.context.namespace, "clinic")
        return f"{self.codes.local_system}:clinic:{clinic}:{kind}"

    def instant(self, value: dt.datetime) -> str:
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(self.zone).isoformat(timespec="seconds")

    def local_time(self, value: object) -> str | None:
        """A naive clinic-local time (``2026-11-21T10:42``) with the clinic's offset."""
        if not isinstance(value, str) or len(value) < 16:
            return None
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=self.zone)
        return parsed.astimezone(self.zone).isoformat(timespec="seconds")

    def on_day(self, when: dt.datetime | None, day: str) -> str | None:
        """``when`` in the clinic's zone if it falls on ``day`` (the visit's date), else None."""
        if when is None:
            return None
        local = when.astimezone(self.zone)
        return local.isoformat(timespec="seconds") if local.date().isoformat() == day else None

    def label(self, key: str, **values: object) -> str:
        return self.codes.label(key, self.lang).format(**values)

    def add(self, resource: dict[str, Any], updated: dt.datetime) -> str:
        rid = str(resource["id"])
        resource["meta"] = {"lastUpdated": self.instant(updated)}
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

    def clinic(self, when: dt.datetime) -> None:
        name = self.context.clinic_name.strip()
        if not name:
            return
        rid = self.uuid("organization")
        self.organization = self.add(
            {"resourceType": "Organization", "id": rid, "active": True, "name": name}, when
        )

    def patient(self) -> None:
        p = self.record.patient
        name: dict[str, Any] = {"use": "official", "text": p.name}
        split = split_name(p.name)
        if split is not None:
            name["given"], name["family"] = split
        resource: dict[str, Any] = {
            "resourceType": "Patient",
            "id": self.patient_id,
            "name": [name],
            "birthDate": p.birth_date.isoformat(),
            "gender": _GENDER.get(p.sex, "unknown"),
            "communication": [
                {
                    "language": {"coding": [{"system": "urn:ietf:bcp:47", "code": p.language}]},
                    "preferred": True,
                }
            ],
        }
        if p.chart_number:
            identifier: dict[str, Any] = {
                "use": "usual",
                "type": {
                    "coding": [
                        {"system": _ID_TYPE, "code": "MR", "display": "Medical record number"}
                    ]
                },
                "system": self.clinic_system("chart-number"),
                "value": p.chart_number,
            }
            if self.organization:
                identifier["assigner"] = _ref(self.organization)
            resource["identifier"] = [identifier]
        if self.organization:
            resource["managingOrganization"] = _ref(self.organization)
        telecom = [{"system": "phone", "value": p.phone}] if p.phone else []
        telecom += [{"system": "email", "value": p.email}] if p.email else []
        if telecom:
            resource["telecom"] = telecom
        self.add(resource, p.created_at)

    def practitioner(self, name: object, when: dt.datetime) -> str | None:
        if not isinstance(name, str) or not name.strip():
            return None
        rid = self.uuid("practitioner", name.strip())
        if rid not in self.entries:
            self.add({"resourceType": "Practitioner", "id": rid, "name": [{"text": name}]}, when)
        return rid

    def encounter(
        self,
        key: tuple[object, ...],
        kind: str,
        start: str,
        clinician: str | None,
        when: dt.datetime,
        reasons: object = None,
    ) -> str:
        resource: dict[str, Any] = {
            "resourceType": "Encounter",
            "id": self.uuid("encounter", *key),
            "status": "finished",
            "class": {"system": _ACT_CODE, "code": "AMB", "display": "ambulatory"},
            "type": [{"coding": [self.local("encounter", kind)], "text": self.label(kind)}],
            "subject": _ref(self.patient_id),
            "period": {"start": start},
        }
        if clinician:
            resource["participant"] = [{"individual": _ref(clinician)}]
        if self.organization:
            resource["serviceProvider"] = _ref(self.organization)
        if isinstance(reasons, list) and reasons:
            resource["reasonCode"] = [
                {"coding": [self.local("indication", str(r))], "text": str(r)} for r in reasons
            ]
        return self.add(resource, when)

    # -- consultations -----------------------------------------------------------------------

    def consultation(self, c: ConsultationRecord) -> None:
        payload = c.consent
        when = c.sealed_at
        date = _date(payload.get("date")) or when.astimezone(self.zone).date().isoformat()
        signed = _aware(payload.get("signed_at"))
        decision = payload.get("consent") if isinstance(payload.get("consent"), Mapping) else {}
        clinician = self.practitioner(
            payload.get("clinician") or (decision or {}).get("clinician"), when
        )
        given = c.administration or {}
        # when the visit happened: the administration's time, else the signature if that day
        visit_time = self.local_time(given.get("time")) or self.on_day(signed or when, date) or date
        encounter = self.encounter(
            ("consultation", c.id),
            "encounter_treatment",
            visit_time,
            clinician,
            when,
            payload.get("indications"),
        )
        self.encounters[c.id] = encounter
        consent_id = self.uuid("consent", c.consent_id)
        attachment: dict[str, Any] = {
            "contentType": "application/pdf",
            "language": self.lang,
            "title": self.label("consent_title"),
            "creation": self.instant(when),
        }
        doc = c.record
        if doc is not None:
            if doc.sha1 is not None and doc.size is not None:
                attachment["hash"] = base64.b64encode(bytes.fromhex(doc.sha1)).decode("ascii")
                attachment["size"] = doc.size
            if self.context.with_documents and doc.data is not None:
                attachment["data"] = base64.b64encode(doc.data).decode("ascii")
        identifiers = [{"system": self.codes.local("consent-seal-sha256"), "value": c.seal}]
        if doc is not None:
            identifiers.append(
                {"system": self.codes.local("record-pdf-sha256"), "value": doc.sha256}
            )
        raw_protocol = payload.get("protocol")
        protocol: Mapping[str, Any] = raw_protocol if isinstance(raw_protocol, Mapping) else {}
        consent: dict[str, Any] = {
            "resourceType": "Consent",
            "id": consent_id,
            "identifier": identifiers,
            "status": "active" if c.decision == "given" else "rejected",
            "scope": {"coding": [{"system": _CONSENT_SCOPE, "code": "treatment"}]},
            "category": [
                {"coding": [{"system": _LOINC, "code": "59284-0", "display": "Consent Document"}]},
                {
                    "coding": [
                        self.local("consent", "toxin-treatment", self.label("consent_category"))
                    ],
                    "text": self.label("consent_category"),
                },
            ],
            "patient": _ref(self.patient_id),
            "dateTime": self.instant(signed or when),
            "sourceAttachment": attachment,
            # ppc-1: a policy or a policy rule, always: the protocol used, else the app's own
            "policy": [{"uri": self.policy_uri(protocol)}],
            "provision": {
                "type": "permit" if c.decision == "given" else "deny",
                "period": {"start": date},
            },
        }
        performers = [_ref(clinician)] if clinician else []
        if self.organization:
            performers.append(_ref(self.organization))
            consent["organization"] = [_ref(self.organization)]
        if performers:
            consent["performer"] = performers
        self.add(consent, when)
        self.provenance(c, consent_id, clinician, signed or when, when)
        self.screening(c, encounter, clinician, signed or when, when)
        for outcome, score in sorted((payload.get("outcomes") or {}).items()):
            self.observation(
                ("baseline", c.id, outcome), outcome, score, visit_time, when, encounter
            )
        if c.decision == "given":
            self.administration(c, consent_id, encounter, visit_time, when)

    def policy_uri(self, protocol: Mapping[str, Any]) -> str:
        pid, version = protocol.get("id"), protocol.get("version")
        if pid and version:
            return f"{self.codes.local('protocol')}:{pid}:{version}"
        return f"{self.codes.local('protocol')}:unnamed"

    def provenance(
        self,
        c: ConsultationRecord,
        consent_id: str,
        clinician: str | None,
        signed: dt.datetime,
        when: dt.datetime,
    ) -> None:
        who = _ref(clinician) if clinician else _ref(self.patient_id)
        self.add(
            {
                "resourceType": "Provenance",
                "id": self.uuid("provenance", c.consent_id),
                "target": [_ref(consent_id)],
                "recorded": self.instant(when),
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
                        "when": self.instant(signed),
                        "who": who,
                        "targetFormat": "application/json",
                        "sigFormat": "text/plain",
                        "data": base64.b64encode(c.seal.encode("ascii")).decode("ascii"),
                    }
                ],
            },
            when,
        )

    def answer_coding(self, value: str) -> dict[str, str]:
        return self.local("screening-answer", value, self.label(f"answer_{value}"))

    def questionnaire(
        self, protocol: Mapping[str, Any], answered: list[str], when: dt.datetime
    ) -> str:
        """The Questionnaire of the protocol version the consultation used; its canonical URL.

        Built from this installation's protocol when it is that version (same version and hash);
        otherwise the wording is not available here, and the Questionnaire lists the answered
        question IDs only, saying so.
        """
        pid = str(protocol.get("id") or self.protocol.id)
        version = str(protocol.get("version") or "unknown")
        digest = str(protocol.get("hash") or "")
        same = version == self.protocol.version and digest in ("", self.protocol.hash)
        url = f"{self.codes.local('questionnaire')}:{pid}"
        rid = self.uuid("questionnaire", pid, version, digest if not same else self.protocol.hash)
        options = [{"valueCoding": self.answer_coding(a)} for a in _ANSWERS]
        if rid not in self.entries:
            items: list[dict[str, Any]] = []
            ids = list(self.protocol.questions) if same else sorted(set(answered))
            for qid in ids:
                item: dict[str, Any] = {
                    "linkId": qid,
                    "type": "choice",
                    "answerOption": [dict(o) for o in options],
                }
                if same:
                    item["text"] = self.protocol.questions[qid].text.get(self.lang)
                item["item"] = [
                    {"linkId": f"{qid}.reason", "text": self.label("reason"), "type": "string"}
                ]
                items.append(item)
            resource: dict[str, Any] = {
                "resourceType": "Questionnaire",
                "id": rid,
                "url": url,
                "version": version,
                "name": "ScreeningQuestions",
                "title": self.label("questionnaire_title", protocol=pid, version=version),
                "status": "active" if same else "retired",
                "subjectType": ["Patient"],
                "language": self.lang,
                "item": items,
            }
            if not same:
                resource["description"] = self.label("questionnaire_unavailable", version=version)
            self.add(resource, when)
        return f"{url}|{version}"

    def screening(
        self,
        c: ConsultationRecord,
        encounter: str,
        clinician: str | None,
        signed: dt.datetime,
        when: dt.datetime,
    ) -> None:
        answers = c.consent.get("answers")
        if not isinstance(answers, Mapping) or not answers:
            return
        protocol = c.consent.get("protocol")
        url = self.questionnaire(
            protocol if isinstance(protocol, Mapping) else {}, [str(q) for q in answers], when
        )
        same = url.endswith(f"|{self.protocol.version}")
        reasons = c.consent.get("reasons") if isinstance(c.consent.get("reasons"), Mapping) else {}
        order = {qid: i for i, qid in enumerate(self.protocol.questions)}
        items = []
        for qid, value in sorted(answers.items(), key=lambda kv: (order.get(kv[0], 1e9), kv[0])):
            question = self.protocol.questions.get(qid) if same else None
            answer: dict[str, Any] = (
                {"valueCoding": self.answer_coding(value)}
                if value in _ANSWERS
                else {"valueString": str(value)}
            )
            item: dict[str, Any] = {"linkId": str(qid), "answer": [answer]}
            if question is not None:
                item["text"] = question.text.get(self.lang)
            reason = (reasons or {}).get(qid)
            if isinstance(reason, str) and reason.strip():
                answer["item"] = [
                    {
                        "linkId": f"{qid}.reason",
                        "text": self.label("reason"),
                        "answer": [{"valueString": reason}],
                    }
                ]
            items.append(item)
        resource: dict[str, Any] = {
            "resourceType": "QuestionnaireResponse",
            "id": self.uuid("screening", c.consent_id),
            "questionnaire": url,
            "status": "completed",
            "subject": _ref(self.patient_id),
            "encounter": _ref(encounter),
            "authored": self.instant(signed),
            "item": items,
        }
        if clinician:
            resource["author"] = _ref(clinician)
        self.add(resource, when)

    def product_concept(
        self, product: object, name: object, jurisdiction: object
    ) -> dict[str, Any]:
        m = self.codes.medication
        codings = []
        if isinstance(product, str):
            codings += [
                {"system": code.system, "code": code.code, "display": code.display}
                for code in self.codes.products.get(product, ())
                if code.jurisdiction in (None, jurisdiction)
            ]
        codings.append({"system": m.system, "code": m.code, "display": m.display})
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
                "id": self.uuid("medication", c.id, index, batch["lotNumber"]),
                "code": self.product_concept(
                    c.consent.get("product"),
                    c.consent.get("product_name"),
                    c.consent.get("jurisdiction"),
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
        return out

    def administration(
        self,
        c: ConsultationRecord,
        consent_id: str,
        encounter: str,
        visit_time: str,
        when: dt.datetime,
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
                    "id": self.uuid("administration", c.id, area, side),
                    "status": "completed",
                    "medicationReference": _ref(meds[0]),
                    "subject": _ref(self.patient_id),
                    "context": _ref(encounter),
                    "effectiveDateTime": visit_time,
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
                    resource["note"] = [{"text": self.label("from_vials", count=len(meds))}]
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
        codings.append(self.local("side", side))
        side_text = self.label(f"side_{side}") if side in ("left", "right", "midline") else side
        return {"coding": codings, "text": f"{name}, {side_text}"}

    def observation(
        self,
        key: tuple[object, ...],
        outcome: str,
        score: object,
        effective: str,
        when: dt.datetime,
        encounter: str | None,
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
            "id": self.uuid("observation", *key),
            "status": "final",
            "category": [{"coding": [{"system": _OBS_CATEGORY, "code": "survey"}]}],
            "code": {"coding": codings, "text": name},
            "subject": _ref(self.patient_id),
            "effectiveDateTime": effective,
            "valueInteger": score,
        }
        if encounter:
            resource["encounter"] = _ref(encounter)
        self.add(resource, when)

    # -- follow-ups --------------------------------------------------------------------------

    def followups(self) -> None:
        for f in self.record.followups:
            p = f.payload
            date = _date(p.get("date")) or f.recorded_at.astimezone(self.zone).date().isoformat()
            clinician = self.practitioner(p.get("clinician"), f.recorded_at)
            effective = self.on_day(f.recorded_at, date) or date
            encounter = self.encounter(
                ("followup", f.id),
                "encounter_followup",
                effective,
                clinician,
                f.recorded_at,
                p.get("indications"),
            )
            for outcome, score in sorted((p.get("outcomes") or {}).items()):
                self.observation(
                    ("followup", f.id, outcome), outcome, score, effective, f.recorded_at, encounter
                )
            for index, event in enumerate(p.get("adverse_events") or ()):
                if isinstance(event, Mapping):
                    suspect = self.suspects.get(f.consultation_id)
                    self.adverse_event(
                        f.id, index, event, date, f.recorded_at, clinician, suspect, encounter
                    )

    def adverse_event(
        self,
        followup_id: int,
        index: int,
        event: Mapping[str, Any],
        date: str,
        when: dt.datetime,
        clinician: str | None,
        suspect: str | None,
        encounter: str,
    ) -> None:
        risk = str(event.get("risk"))
        found = next((r for r in self.protocol.content.risks if r.id == risk), None)
        name = found.label.get(self.lang) if found else risk
        resource: dict[str, Any] = {
            "resourceType": "AdverseEvent",
            "id": self.uuid("adverse-event", followup_id, index),
            "actuality": "actual",
            "event": {"coding": [self.local("adverse-event", risk, name)], "text": name},
            "subject": _ref(self.patient_id),
            "encounter": _ref(encounter),
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


def build_bundle(
    record: PatientRecord, protocol: Protocol, codes: FhirCodes, context: ExportContext
) -> dict[str, Any]:
    """Return the patient's validated Bundle as JSON-ready data.

    Raises:
        FhirExportError: a resource (or the bundle) is not valid FHIR R4B.
    """
    b = _Builder(record, protocol, codes, context)
    b.clinic(record.patient.created_at)
    b.patient()
    for c in record.consultations:
        b.consultation(c)
    b.followups()
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "id": b.uuid("bundle", record.patient.id),
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
    bundle["meta"] = {"lastUpdated": b.instant(latest)}
    bundle["timestamp"] = b.instant(latest)
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
