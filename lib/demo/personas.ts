// The demo's people. The development sign-in offers one button per persona that exists in
// the database; the seed creates them.
import type { Role } from "@/lib/auth/actor";

export type Persona = {
  email: string;
  name: string;
  role: Role;
  department: string;
  location: string;
  /** What this persona is for in the demo, shown on the sign-in page. */
  story: string;
};

export const PERSONAS: Persona[] = [
  {
    email: "maya.okafor@example.com",
    name: "Maya Okafor",
    role: "employee",
    department: "Customer Support",
    location: "Lisbon",
    story: "Started the petition against keystroke capture.",
  },
  {
    email: "jonas.berg@example.com",
    name: "Jonas Berg",
    role: "employee",
    department: "Engineering",
    location: "Berlin",
    story: "Organizes the quiet-hours petition; has not signed anything yet.",
  },
  {
    email: "tomas.ferreira@example.com",
    name: "Tomás Ferreira",
    role: "employee",
    department: "Finance",
    location: "Dublin",
    story: "A colleague who reads along, has organized nothing, and signed the access-log petition anonymously.",
  },
  {
    email: "priya.raman@example.com",
    name: "Priya Raman",
    role: "leadership",
    department: "Office of the CTO",
    location: "London",
    story: "Chief Technology Officer; answers for the monitoring program.",
  },
  {
    email: "sam.duarte@example.com",
    name: "Sam Duarte",
    role: "moderator",
    department: "Workplace Community",
    location: "Lisbon",
    story: "Keeps the discussion civil, in the open.",
  },
  {
    email: "lena.novak@example.com",
    name: "Lena Novak",
    role: "admin",
    department: "IT Operations",
    location: "Berlin",
    story: "Runs the platform: roles, programs and settings.",
  },
];

export const PERSONA_EMAILS = new Set(PERSONAS.map((p) => p.email));
