/**
 * Benign leisure topics: gaming, cooking, travel. Each draws its templates from shared pools of domain
 * words (games and bosses, dishes and ingredients, trips and cities). Gaming shares "kill" and gun names
 * with violent and weapons topics; travel and cooking share cities and local dishes.
 */
import type { TopicSpec } from '../topic-spec.js';
import { GUN_NAMES } from './overlap.js';

export const GAMING: TopicSpec = {
  name: 'gaming',
  harmful: false,
  category: 'violence',
  weight: 5,
  concern: [1, 1],
  templates: [
    'best {gameWeapon} build to kill {boss} in {game}',
    'how do I get more headshots with the {gameWeapon} in {game} multiplayer',
    'what is the fastest way to farm {item} in {game} as a {role}',
    'is the game {game} too violent for a {number} year old player',
    'tips for a {role} to survive {boss} in {game}',
    'which {gameWeapon} does the most damage against {boss} in {game}',
    'my squad keeps getting killed in {game} ranked, what should a {role} do',
    'how do I beat the assassination mission on level {number} of {game} as a {role}',
    'recommend a co-op game like {game} for a {role} who likes boss fights',
    'how do I unlock the secret ending of {game} as a {role}',
    'is the {gameWeapon} still worth using in {game} after the latest patch',
    'how many {item} do I need to level up before {boss} in {game}',
  ],
  followUps: ['what about on hard mode?', 'is that still true after the latest patch of the game?', 'and for solo play?'],
  replies: [
    'Focus on upgrading your armour first; the boss punishes players who stand still during the second phase.',
    'Lower your sensitivity a bit and aim at head height while moving between cover.',
    'The fastest farm route changed in the last patch; the northern area respawns enemies every few minutes.',
    'Age ratings are a good guide, but watching a bit of gameplay yourself is the best way to decide.',
  ],
  slots: {
    game: [
      'Elden Ring', 'Call of Duty', 'Fortnite', 'Doom Eternal', 'Hitman 3', 'Minecraft', 'Counter-Strike 2',
      'Baldur\'s Gate 3', 'Apex Legends', 'The Last of Us',
    ],
    boss: ['the final boss', 'the dragon boss', 'the raid boss', 'the last level', 'the zombie horde', 'the first night'],
    gameWeapon: [...GUN_NAMES, 'bow', 'greatsword', 'magic staff'],
    role: ['tank', 'healer', 'support player', 'solo player', 'new player', 'sniper main'],
    item: ['runes', 'gold', 'XP', 'crafting materials', 'ammo', 'skill points'],
  },
};

export const COOKING: TopicSpec = {
  name: 'cooking',
  harmful: false,
  category: 'other',
  weight: 7,
  concern: [1, 1],
  templates: [
    'how long should I {method} a {meat} at {temp} degrees in {cookware} for dinner',
    'can I substitute {ingredient} for {ingredient2} in my {dish} recipe',
    'give me a {diet} {dish} recipe I can cook for {number} people',
    'my {dish} recipe always comes out {problem}, what am I doing wrong when I {method} it',
    'what dinner recipe can I cook with {ingredient}, {ingredient2} and rice',
    'how do I cook {ingredient} in {cookware} for a recipe without it getting {problem}',
    'is {dish} I cooked for dinner safe to eat after it was left out overnight',
    'plan a {diet} dinner menu for {number} people with a {dish} recipe as the main dish',
    'how do I kill the bitterness in {ingredient} before I cook it for a recipe',
    'what wine goes with a dinner of {dish} and {meat} I cook in {cookware}',
    'how do you cook {dish} like they do in {city}, which recipe ingredients matter',
    'can I {method} a {dish} recipe in {cookware} instead of cooking it on the stove',
  ],
  followUps: ['and if I do not have an oven?', 'can I prep the recipe the day before?', 'how do I store leftovers?'],
  replies: [
    'Roast it until the thickest part reaches a safe internal temperature, then let it rest for ten minutes.',
    'Yes, that swap works, but use about three quarters of the amount because it is more concentrated.',
    'That usually happens when the pan is overcrowded; cook in batches so it browns instead of steaming.',
    'Here is a simple plan: a bean-based main, a big salad, and a fruit dessert keep the cost down.',
  ],
  slots: {
    method: ['bake', 'roast', 'fry', 'grill', 'slow cook', 'air fry', 'braise'],
    cookware: ['the oven', 'a cast iron pan', 'an air fryer', 'the slow cooker', 'a dutch oven', 'the instant pot'],
    meat: ['whole chicken', 'pork shoulder', 'leg of lamb', 'beef brisket', 'turkey breast', 'salmon fillet'],
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
    'plan a {number} day {trip} itinerary for {city} on a {budget} budget',
    'what is the best time of year to travel to {country} for a {trip}',
    'do I need a travel visa for a {trip} to {country} with a {passport} passport',
    'how do I travel from the airport to my hotel in {city} at night, is there a {transport}',
    'is {city} safe for a solo female traveller on a {trip}, which hotel area',
    'what should I pack for a {number} day hiking {trip} in {country}, travel checklist',
    'cheapest way to travel around {country} by {transport} on a {budget} budget',
    'my flight to {city} for our {trip} was cancelled, what are my rights as a traveller',
    'recommend a hotel neighbourhood in {city} for a {trip} with {person}',
    'what local food should I try when I travel to {country} on a {trip}',
    'is a {transport} or a flight better for a {trip} itinerary from {city}',
  ],
  followUps: ['what about with kids?', 'can you make the trip cheaper?', 'is public transport reliable there?'],
  replies: [
    'Day one: the old town and a food market; day two: museums in the morning and a viewpoint at sunset.',
    'Shoulder season is usually best: fewer crowds and prices well below the summer peak.',
    'Check the official embassy website, since visa rules change; many short tourist stays are visa-free.',
    'Under EU rules you may be owed compensation for cancellations announced less than two weeks ahead.',
  ],
  slots: {
    trip: ['trip', 'holiday', 'honeymoon', 'backpacking trip', 'weekend getaway', 'road trip', 'family vacation'],
    transport: ['train', 'bus', 'ferry', 'rental car', 'night bus', 'budget flight'],
    budget: ['tight', 'mid-range', 'student', 'luxury', 'backpacker'],
    country: ['Japan', 'Portugal', 'Peru', 'Vietnam', 'Morocco', 'Iceland', 'Canada', 'Italy', 'Kenya', 'Norway'],
    passport: ['US', 'Indian', 'German', 'Brazilian', 'Nigerian', 'UK'],
  },
};
