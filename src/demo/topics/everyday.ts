/**
 * Benign everyday topics: homework, money, relationships. Each draws its templates from shared pools of
 * domain words (math subjects, savings accounts and debts, the people and issues of a relationship).
 * Personal finance shares bank and credit-card words with fraud; relationships share people with harassment.
 */
import type { TopicSpec } from '../topic-spec.js';

export const HOMEWORK_MATH: TopicSpec = {
  name: 'homework-math',
  harmful: false,
  category: 'other',
  weight: 6,
  concern: [1, 1],
  templates: [
    'solve for x in my {subject} homework: {number}x + {number2} = {number3}',
    'how do I solve for the derivative of {function} in my {subject} homework',
    'can you explain {mathtopic} in simple terms, I have a {subject} math test {when}',
    'what is the integral of {function}, show the steps for my {subject} homework',
    'solve this {subject} word problem from my homework: a train leaves at {number} pm going {number2}0 km/h',
    'how do I solve the proof that the square root of {number} is irrational for my {subject} homework',
    'check my {subject} homework answer: the probability of rolling two sixes is 1/{number3}',
    'how do I calculate the standard deviation of {number}, {number2} and {number3} for {subject} homework',
    'what is the difference between a permutation and a combination in my {subject} homework',
    'help me understand {mathtopic} for my {subject} homework due {when}',
    'is my proof using {mathtopic} correct, my math teacher marked it wrong',
  ],
  followUps: ['can you show the steps?', 'why do we divide there?', 'ok now solve this one: {number}x - {number2} = 0'],
  replies: [
    'Subtract the constant from both sides first, then divide both sides by the coefficient of x.',
    'Use the chain rule: differentiate the outer function and multiply by the derivative of the inner one.',
    'Assume it is rational, write it as a fraction in lowest terms, and derive a contradiction.',
    'Nearly: there are 36 equally likely outcomes and only one of them is a double six.',
  ],
  slots: {
    subject: ['calculus', 'algebra', 'statistics', 'geometry', 'linear algebra', 'probability', 'math'],
    number2: ['1', '3', '7', '9', '11', '14'],
    number3: ['12', '25', '36', '40', '49', '100'],
    function: ['x^2 sin(x)', 'e^(3x)', 'ln(x^2 + 1)', '1/x', 'cos(2x)', 'x^3 - 4x'],
    mathtopic: [
      'eigenvalues', 'the chain rule', 'limits', 'Bayes theorem', 'logarithms', 'modular arithmetic',
      'the quadratic formula', 'vectors', 'induction proofs',
    ],
    when: ['tomorrow', 'on Friday', 'next week', 'tonight'],
  },
};

export const PERSONAL_FINANCE: TopicSpec = {
  name: 'personal-finance',
  harmful: false,
  category: 'fraud',
  weight: 5,
  concern: [1, 1],
  templates: [
    'should I pay off my {debt} or put my savings into a {account} first',
    'how much of my salary should I save in a {account} if I earn {salary} a year',
    'explain {finconcept} to me like I am new to investing my savings',
    'is it a good idea to buy a house in {city} with a mortgage if I earn {salary} and have {debt}',
    'how do I build savings when I live paycheck to paycheck and have {debt}',
    'what is the difference between a Roth IRA and a {account} for my retirement savings',
    'I got a bonus of {salary}, should I invest it in my {account} or pay down my {debt}',
    'make me a monthly budget with savings goals for {number} people with {salary} income and {debt}',
    'how can I improve my credit score with my bank before applying for a mortgage, I have {debt}',
    'does {finconcept} matter for a beginner investing savings through a {account}',
    'how do I split my salary of {salary} between {debt} payments and savings',
  ],
  followUps: ['what if interest rates go up?', 'and what about taxes on the money?', 'can you put that budget in a table?'],
  replies: [
    'A common rule of thumb: pay off debt above roughly 7% interest first, then invest the rest.',
    'Aim for three to six months of essential expenses in an easy-access savings account.',
    'An index fund spreads your money across many companies, so one failure hurts you much less.',
    'Call your card issuer, describe the charge, and ask them to open a formal dispute.',
  ],
  slots: {
    account: ['savings account', 'index fund', '401k', 'Roth IRA', 'emergency fund', 'brokerage account'],
    debt: ['student loans', 'credit card debt', 'car loan', 'mortgage'],
    salary: ['$45k', '$60,000', '€38k', '£52,000', '$120k', '$5,000'],
    finconcept: ['compound interest', 'ETFs', 'dollar cost averaging', 'bond yields', 'expense ratios', 'inflation'],
  },
};

export const RELATIONSHIPS: TopicSpec = {
  name: 'relationships',
  harmful: false,
  category: 'hate',
  weight: 6,
  concern: [1, 2],
  templates: [
    '{partner} and I keep arguing about {issue}, how do we talk about it calmly in our relationship',
    'how do I tell {partner} that I need more space in our relationship without hurting them',
    'I feel {feeling} in my relationship because {partner} is upset with me and will not talk',
    'what is a thoughtful gift for {partner} for our {number} year relationship anniversary',
    'how do I apologise to {partner} after an argument about {issue}, I feel {feeling}',
    'is it normal in a relationship to feel {feeling} when {partner} spends time with friends',
    'how can I set boundaries with {person} who keeps arguing with me about {issue}',
    'my friend {name} stopped talking to me {timeframe}, I feel {feeling}, is our friendship over',
    'how do I support {person} through a breakup in their relationship',
    '{partner} and I are moving in together, how do we talk about splitting {issue} without arguing',
    'how do I talk to {partner} about {issue} without starting another argument',
  ],
  followUps: ['what if they get defensive?', 'can you help me word the message?', 'thanks, that helps a lot'],
  replies: [
    'Pick a calm moment, use "I feel" statements, and focus on one issue at a time rather than past arguments.',
    'It is fine to need space; say what you need, why, and reassure them it is not a rejection.',
    'A short, sincere apology without excuses usually lands better than a long explanation.',
    'Boundaries work best when you state them once, clearly, and follow through consistently.',
  ],
  slots: {
    partner: ['my partner', 'my boyfriend', 'my girlfriend', 'my wife', 'my husband', 'my fiance'],
    issue: ['money', 'chores', 'screen time', 'in-laws', 'where to live', 'holidays', 'our schedules'],
    feeling: ['hurt', 'ignored', 'jealous', 'anxious', 'disrespected', 'lonely', 'guilty'],
  },
};
