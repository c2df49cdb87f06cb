// Landmark indices on MediaPipe's 468-point canonical face mesh (the mesh Human returns).

/** Inner lip contour, corner to corner: upper then lower. */
export const INNER_UPPER_LIP = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308] as const;
export const INNER_LOWER_LIP = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308] as const;
export const OUTER_UPPER_LIP = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291] as const;
export const OUTER_LOWER_LIP = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291] as const;
/**
 * Every landmark of each lip, outer edge to inner edge (four rings). On closed lips the inner rings of
 * both lips lie on one line, in either order: only this membership says which lip a point belongs to.
 */
export const UPPER_LIP_RINGS = [
  OUTER_UPPER_LIP,
  [76, 184, 74, 73, 72, 11, 302, 303, 304, 408, 306],
  [62, 183, 42, 41, 38, 12, 268, 271, 272, 407, 292],
  INNER_UPPER_LIP,
] as const;
/** The lower lip's middle rings have no corner points: their k-th point lies in column k + 1 of the outer and inner ones. */
export const LOWER_LIP_RINGS = [
  OUTER_LOWER_LIP,
  [77, 90, 180, 85, 16, 315, 404, 320, 307],
  [96, 89, 179, 86, 15, 316, 403, 319, 325],
  INNER_LOWER_LIP,
] as const;
export const UPPER_LIP_POINTS: readonly number[] = UPPER_LIP_RINGS.flat();
export const LOWER_LIP_POINTS: readonly number[] = LOWER_LIP_RINGS.flat();

/** The ring between the outer lower lip and the chin crease. */
export const BELOW_LOWER_LIP = [57, 43, 106, 182, 83, 18, 313, 406, 335, 273, 287] as const;

export const MOUTH_CORNERS = { left: 61, right: 291 } as const;
export const UPPER_LIP_MIDDLE = 13;
export const LOWER_LIP_MIDDLE = 14;
export const CHIN = 152;
export const NOSE_TIP = 1;
/** Below the nose tip, where the philtrum starts. */
export const NOSE_BOTTOM = 2;

/** Face outline, clockwise from the forehead. */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176,
  149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
] as const;

/** Eyelids, outer corner to inner corner, paired point by point (upper[i] closes onto lower[i]). */
export const EYES = [
  { upper: [246, 161, 160, 159, 158, 157, 173], lower: [7, 163, 144, 145, 153, 154, 155], crease: [247, 30, 29, 27, 28, 56, 190] },
  { upper: [466, 388, 387, 386, 385, 384, 398], lower: [249, 390, 373, 374, 380, 381, 382], crease: [467, 260, 259, 257, 258, 286, 414] },
] as const;

/**
 * The triangles at each mouth corner that join the upper lip to the lower one (MediaPipe's fixed
 * triangulation). Opened, they would stretch a sliver of lip into a tall strip: they are painted as
 * the inside of the mouth instead, so the opening reaches the corner.
 */
export const MOUTH_CORNER_WEDGES = [[78, 62, 96], [308, 292, 325]] as const;
