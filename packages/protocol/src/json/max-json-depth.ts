/**
 * How deeply arrays and objects may nest in a JSON body the gateway accepts (the body itself is level 1).
 * Real chat bodies stay far below it (a tool schema inside a tools array inside the body is about 10
 * levels); the bound exists so that no walk over a body — ours, or JSON.stringify's when a converted
 * request is sent on — can run out of stack. JSON.stringify overflows at a few thousand levels.
 */
export const MAX_JSON_DEPTH = 128;
