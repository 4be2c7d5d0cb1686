/**
 * Plain-English titles for import problem codes, for grouping problems in the readable report.
 */

/**
 * Title of each problem code (what a SENCO should fix at source).
 * @example
 * PROBLEM_TITLES["upn-check-letter"] // => "UPN with the wrong check letter"
 */
export const PROBLEM_TITLES: Readonly<Record<string, string>> = {
  "upn-check-letter": "UPN with the wrong check letter",
  "upn-format": "UPN in the wrong format",
  "missing-pupil-key": "row with no UPN or MIS id",
  "duplicate-pupil": "pupil listed twice with different details",
  "duplicate-row": "row repeated exactly",
  "unknown-pupil": "row for a pupil who is not on the pupil list",
  "pupil-key-conflict": "UPN and MIS id of different pupils",
  "missing-value": "required value missing",
  "bad-date": "date that is not a real date",
  "bad-number": "number that cannot be read",
  "bad-value": "result that cannot be read",
  "bad-flag": "yes/no value that cannot be read",
  "bad-gender": "gender that cannot be read",
  "bad-year-group": "year group that cannot be read",
  "bad-academic-year": "academic year that cannot be read",
  "bad-term": "term that cannot be read",
  "bad-assessment-point": "assessment point that cannot be read",
  "out-of-range": "value outside its possible range",
  "attended-exceeds-possible": "more sessions attended than possible",
  "attended-exceeds-planned": "more intervention sessions attended than planned",
  "end-before-start": "end date before start date",
  "unknown-sen-status": "SEN status that cannot be read",
  "legacy-sen-status": "legacy SEN code (statement, School Action, School Action Plus)",
  "unknown-need": "type of need that cannot be read",
  "legacy-need": "legacy type of need (BESD)",
  "missing-need": "SEN pupil with no primary type of need",
  "nsa-with-ehcp": "NSA used with an EHC plan",
  "sen-overlap": "overlapping SEN register spells",
  "unknown-subject": "subject sendscope does not know",
  "unknown-measure": "measure sendscope does not know",
  "ragged-row": "row with the wrong number of fields",
  "bad-quoting": "row with broken quote marks",
  "empty-file": "empty file",
  "not-text": "file that is not text",
  "unreadable-csv": "file that cannot be read as CSV",
  "unknown-export": "file sendscope does not recognise",
  "no-rows": "file with a header but no rows",
  "unmapped-column": "column not read that looks like a field sendscope knows",
  "missing-column": "file without a column the analyses need",
  "roster-mismatch": "pupil details that disagree with the roster",
  "not-on-roster": "pupil-list columns the roster lacks, not read for its pupils",
};
