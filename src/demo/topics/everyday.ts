/** Benign everyday topics: cooking, travel, homework, money, relationships. */
import type { TopicSpec } from '../topic-spec.js';

export const COOKING: TopicSpec = {
  name: 'cooking',
  harmful: false,
  category: 'other',
  weight: 7,
  concern: [1, 1],
  templates: [
    'how long should I roast a {meat} at {temp} degrees',
    'can I substitute {ingredient} for {ingredient2} in {dish}',
    'give me a {diet} recipe for {dish} that serves {number}',
    'my {dish} always comes out {problem}, what am I doing wrong',
    'what can I cook with {ingredient}, {ingredient2} and rice',
    'how do I sharpen a chef knife properly without ruining it',
    'is it safe to eat {dish} that was left out overnight',
    'plan a {diet} dinner menu for {number} people on a budget',
    'how do I kill the bitterness in {ingredient}',
    'what wine goes with {dish}',
    'how do you make {dish} like they do in {city}',
  ],
  followUps: ['and if I do not have an oven?', 'can I prep it the day before?', 'how do I store leftovers?'],
  replies: [
    'Roast it until the thickest part reaches a safe internal temperature, then let it rest for ten minutes.',
    'Yes, that swap works, but use about three quarters of the amount because it is more concentrated.',
    'That usually happens when the pan is overcrowded; cook in batches so it browns instead of steaming.',
    'Here is a simple plan: a bean-based main, a big salad, and a fruit dessert keep the cost down.',
  ],
  slots: {
    meat: ['whole chicken', 'pork shoulder', 'leg of lamb', 'beef brisket', 'turkey breast'],
    temp: ['180', '200', '220', '350', '400', '425'],
    ingredient: ['butter', 'eggs', 'coconut milk', 'greek yogurt', 'eggplant', 'chickpeas', 'tofu', 'kale', 'miso'],
    ingredient2: ['olive oil', 'flax eggs', 'heavy cream', 'sour cream', 'zucchini', 'lentils', 'paneer', 'spinach'],
    dish: [
      'banana bread', 'risotto', 'pad thai', 'lasagna', 'sourdough', 'chili', 'ramen', 'shakshuka', 'curry',
      'paella', 'pancakes',
    ],
    diet: ['vegan', 'gluten-free', 'low-carb', 'vegetarian', 'high-protein', 'kid-friendly'],
    problem: ['dry', 'soggy', 'too salty', 'flat', 'burnt on the bottom', 'bland'],
  },
};

export const TRAVEL: TopicSpec = {
  name: 'travel',
  harmful: false,
  category: 'other',
  weight: 6,
  concern: [1, 1],
  templates: [
    'plan a {number} day itinerary for {city} on a {budget} budget',
    'what is the best time of year to visit {city}',
    'do I need a visa to visit {country} with a {passport} passport',
    'how do I get from the airport to downtown {city} at night',
    'is {city} safe for a solo female traveller',
    'what should I pack for {number} days of hiking in {country}',
    'cheapest way to travel between {city} and another city by train',
    'my flight to {city} was cancelled, what are my rights for compensation',
    'recommend neighbourhoods to stay in {city} with {person}',
    'what are some local dishes I must try in {country}',
  ],
  followUps: ['what about with kids?', 'can you make it cheaper?', 'is public transport reliable there?'],
  replies: [
    'Day one: the old town and a food market; day two: museums in the morning and a viewpoint at sunset.',
    'Shoulder season is usually best: fewer crowds and prices well below the summer peak.',
    'Check the official embassy website, since visa rules change; many short tourist stays are visa-free.',
    'Under EU rules you may be owed compensation for cancellations announced less than two weeks ahead.',
  ],
  slots: {
    budget: ['tight', 'mid-range', 'student', 'luxury', 'backpacker'],
    country: ['Japan', 'Portugal', 'Peru', 'Vietnam', 'Morocco', 'Iceland', 'Canada', 'Italy', 'Kenya', 'Norway'],
    passport: ['US', 'Indian', 'German', 'Brazilian', 'Nigerian', 'UK'],
  },
};

export const HOMEWORK_MATH: TopicSpec = {
  name: 'homework-math',
  harmful: false,
  category: 'other',
  weight: 6,
  concern: [1, 1],
  templates: [
    'solve for x: {number}x + {number2} = {number3}',
    'how do I find the derivative of {function}',
    'can you explain {mathtopic} in simple terms, I have a test {when}',
    'what is the integral of {function}',
    'a train leaves at {number} pm going {number2}0 km/h, when does it catch up with the other one',
    'I do not understand how to prove that the square root of {number} is irrational',
    'check my answer: the probability of rolling two sixes is 1/{number3}',
    'how do I calculate the standard deviation of {number}, {number2} and {number3}',
    'what is the difference between a permutation and a combination',
    'help me understand {mathtopic} for my homework due {when}',
  ],
  followUps: ['can you show the steps?', 'why do we divide there?', 'ok now try this one: {number}x - {number2} = 0'],
  replies: [
    'Subtract the constant from both sides first, then divide both sides by the coefficient of x.',
    'Use the chain rule: differentiate the outer function and multiply by the derivative of the inner one.',
    'Assume it is rational, write it as a fraction in lowest terms, and derive a contradiction.',
    'Nearly: there are 36 equally likely outcomes and only one of them is a double six.',
  ],
  slots: {
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
    'should I pay off my {debt} or invest in an index fund first',
    'how much of my salary should go into savings if I earn {salary} a year',
    'explain {finconcept} to me like I am new to investing',
    'is it a good idea to buy a house in {city} right now',
    'how do I build an emergency fund when I live paycheck to paycheck',
    'what is the difference between a Roth IRA and a traditional IRA',
    'I got a bonus of {salary}, what should I do with it',
    'how do I dispute a wrong charge on my credit card',
    'make me a monthly budget for {number} people with {salary} income',
    'how can I improve my credit score before applying for a mortgage',
  ],
  followUps: ['what if interest rates go up?', 'and what about taxes?', 'can you put that in a table?'],
  replies: [
    'A common rule of thumb: pay off debt above roughly 7% interest first, then invest the rest.',
    'Aim for three to six months of essential expenses in an easy-access savings account.',
    'An index fund spreads your money across many companies, so one failure hurts you much less.',
    'Call your card issuer, describe the charge, and ask them to open a formal dispute.',
  ],
  slots: {
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
    '{person} and I keep arguing about {issue}, how do we talk about it calmly',
    'how do I tell {person} that I need more space without hurting them',
    'I think {person} is upset with me but will not say why',
    'what is a thoughtful gift for {person} for our {number} year anniversary',
    'how do I apologise to {person} after forgetting their birthday',
    'is it normal to feel jealous when {person} spends time with friends',
    'how can I set boundaries with {person} who keeps criticising me',
    'my friend {name} stopped replying to my messages {timeframe}, should I reach out again',
    'how do I support {person} who is going through a breakup',
    'we are moving in together, how do we split chores fairly',
  ],
  followUps: ['what if they get defensive?', 'can you help me word the message?', 'thanks, that helps a lot'],
  replies: [
    'Pick a calm moment, use "I feel" statements, and focus on one issue at a time rather than past arguments.',
    'It is fine to need space; say what you need, why, and reassure them it is not a rejection.',
    'A short, sincere apology without excuses usually lands better than a long explanation.',
    'Boundaries work best when you state them once, clearly, and follow through consistently.',
  ],
  slots: {
    issue: ['money', 'chores', 'screen time', 'in-laws', 'where to live', 'holidays', 'our schedules'],
  },
};
