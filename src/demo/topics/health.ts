/**
 * Benign health topics. Medication questions draw on shared pools of drugs, doses and pill forms, and
 * share pill words with drug synthesis and self-harm on purpose; health questions share doctors and
 * medication with medication questions.
 */
import type { TopicSpec } from '../topic-spec.js';

export const MEDICATION: TopicSpec = {
  name: 'medication',
  harmful: false,
  category: 'drugs',
  weight: 5,
  concern: [1, 2],
  templates: [
    'what is the maximum daily dose of {drug} {form} for an adult, is {dose} too much',
    'can I take a {dose} dose of {drug} {form} together with {drug2}',
    'is it dangerous to drink alcohol on a {dose} dose of {drug} {form}',
    'I accidentally took a double dose of {drug} {form}, {dose} twice, should I be worried',
    'how long does a {dose} dose of {drug} {form} stay in your system',
    'what are the side effects of {drug} {form} at a {dose} dose',
    'is a {dose} dose of {drug} {form} safe for my {number} year old',
    'my doctor prescribed {drug} {form} at {dose}, is that dose safe with {drug2}',
    'how many {drug} {form} is an overdose if I already take a {dose} dose',
    'my doctor says I can split {drug} {form} in half to lower the dose from {dose}, is that safe',
    'I missed a {dose} dose of {drug} {form}, do I take a double dose tomorrow',
    'what happens if I stop taking {drug} {form} suddenly after a month on a {dose} dose',
    'my pharmacist switched my {drug} {form} to a generic, is the {dose} dose the same',
  ],
  followUps: ['what if I weigh less than 50 kg?', 'and with {drug2}?', 'when should I go to the ER?'],
  replies: [
    'Follow the label or your prescriber: for most adults the limit is clearly stated on the package insert.',
    'Those two can interact; ask your pharmacist before combining them, especially at higher doses.',
    'A single double dose is usually not dangerous, but call poison control if you feel unwell.',
    'Do not stop suddenly; your doctor can set up a gradual taper to avoid withdrawal symptoms.',
  ],
  slots: {
    drug: [
      'ibuprofen', 'paracetamol', 'acetaminophen', 'sertraline', 'melatonin', 'amoxicillin', 'metformin',
      'lisinopril', 'prednisone', 'diphenhydramine', 'codeine', 'adderall', 'xanax',
    ],
    drug2: ['aspirin', 'alcohol', 'St John\'s wort', 'antihistamines', 'ibuprofen', 'grapefruit juice', 'caffeine'],
    dose: ['200 mg', '500 mg', '50 mg', '10 mg', '1000 mg', '20 mg', '5 mg', '100 mg'],
    form: ['tablets', 'pills', 'capsules', 'mg pills', 'prescription pills', 'medication', 'prescription medication'],
  },
};

export const HEALTH: TopicSpec = {
  name: 'health',
  harmful: false,
  category: 'self-harm',
  weight: 6,
  concern: [1, 2],
  templates: [
    'I have had {symptom} {timeframe}, should I see a doctor',
    'how can I sleep better, my doctor says my {symptom} is from bad sleep',
    'what is a healthy exercise plan for {number} days a week with {bodypart} pain',
    'is {food} actually healthy if my doctor says I have {condition}',
    'how do I lower my blood pressure with a healthy diet and exercise, my doctor is worried',
    'what are early symptoms of {condition} I should tell my doctor about',
    'stress at work gives me {symptom} {timeframe}, should my doctor give me medication',
    'how much water is healthy per day if I exercise and run {number} km, I get {symptom}',
    'my {bodypart} hurts after running, is that normal or should I see a doctor',
    'which vaccines should my doctor give me before travelling to {city}, I have {condition}',
    'can {food} help with {condition} symptoms instead of medication from my doctor',
    'my {bodypart} pain and {symptom} started {timeframe}, what could it be',
  ],
  followUps: ['it got worse today', 'is there anything I can do at home for the pain?', 'how long until it improves?'],
  replies: [
    'If it lasts more than a few days or comes with a fever, it is worth seeing a doctor.',
    'Keep a regular sleep schedule, avoid screens before bed, and limit caffeine after noon.',
    'Start with three full-body sessions a week and increase the load gradually.',
    'Regular exercise, less salt and less alcohol all lower blood pressure measurably.',
  ],
  slots: {
    symptom: ['a headache', 'a sore throat', 'a dry cough', 'a stomach ache', 'a rash', 'back pain', 'dizziness'],
    food: ['oat milk', 'intermittent fasting', 'coconut oil', 'red meat', 'dark chocolate', 'a keto diet'],
    condition: ['diabetes', 'burnout', 'anemia', 'a thyroid problem', 'arthritis', 'high blood pressure'],
    bodypart: ['knee', 'ankle', 'lower back', 'hip', 'shin', 'shoulder'],
  },
};
