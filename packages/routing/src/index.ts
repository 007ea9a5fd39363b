export * from '@pare/schema';
export { routeOrientation } from './route-orientation.ts';
export {
  EMERGENCY_ORDER,
  EMERGENCY_SLUGS,
  isCrip,
  MAX_RECOMMENDATIONS,
  NEAR_KM,
  REACH_KM,
} from './rules.ts';
export type { OrientationTexts } from './texts.ts';
export { orientationTexts } from './texts.ts';
