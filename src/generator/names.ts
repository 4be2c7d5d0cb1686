/**
 * Forenames and surnames for synthetic pupils: common names in England today with a spread of heritages.
 * Every name is representable in Windows-1252 (the pupils file is encoded in it); accented names such as Zoë,
 * Siân, Chloé and Seán test that the encoding survives import. Names that need other code pages (Łukasz) are
 * kept for the UTF-8 files only (`STAFF`).
 */

/** Girls' forenames. */
export const FORENAMES_F: readonly string[] = [
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence", "Sophia", "Grace", "Ella",
  "Aisha", "Fatima", "Maryam", "Zainab", "Amira", "Priya", "Ananya", "Zoë", "Siân", "Chloé", "Niamh", "Aoife",
  "Maja", "Zuzanna", "Oliwia", "Amélie", "Renée", "Noémie", "Esmé", "Ngozi", "Chiamaka", "Ruby", "Poppy", "Evie",
  "Hannah", "Leah", "Sofia", "Elif", "Hafsa", "Anaïs", "Mairéad", "Beatriz", "Ayesha", "Harper", "Rosie", "Daisy",
];

/** Boys' forenames. */
export const FORENAMES_M: readonly string[] = [
  "Oliver", "George", "Noah", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore",
  "Jack", "Freddie", "Alfie", "Charlie", "Jacob", "Thomas", "Ibrahim", "Yusuf", "Omar", "Ayaan", "Arjun",
  "Rohan", "Seán", "Ciarán", "Oisín", "Jakub", "Szymon", "Filip", "Mateusz", "Kacper", "José", "André", "Rhys",
  "Dylan", "Tomás", "Chidi", "Kwame", "Samuel", "Joshua", "Reuben", "Zaid", "Joël", "Björn", "Ethan", "Finley",
];

/** Surnames. */
export const SURNAMES: readonly string[] = [
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
  "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris",
  "Clarke", "Patel", "Khan", "Ahmed", "Ali", "Hussain", "Begum", "Shah", "Singh", "Kaur", "Nowak", "Kowalczyk",
  "Nguyen", "Okafor", "Adeyemi", "Mensah", "Osei", "O'Brien", "O'Connor", "Murphy", "Kelly", "MacDonald",
  "McLean", "Fernández", "García", "Müller", "Öztürk", "Dubois", "Lefèvre", "Da Silva", "Santos", "Costa",
  "Chen", "Wang", "Li", "Ward", "Jackson", "Wood", "Turner", "Hill", "Cooper", "Bailey", "Mitchell", "Bell",
  "Abdi", "Mohamed", "Jama", "Gonçalves", "Smith-Jones", "Ó Súilleabháin", "Brontë",
];

/** Staff who deliver interventions (written only to UTF-8 files, so Ł is safe). */
export const STAFF: readonly string[] = [
  "Mrs Siân Evans (TA)", "Mr Łukasz Nowak (HLTA)", "Ms Zoë Clarke (Teacher)", "Mrs Aoife Kelly (TA)",
  "Mr Dev Patel (SENCO)", "Miss Grace Hall (TA)",
];
