export * from "./inspections.js"
export * from "./meetings.js"
export * from "./standing.js"
export * from "./talks.js"
