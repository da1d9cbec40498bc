/**
 * The HTTP contract shared by the server and the widget. The widget imports it type-only,
 * so nothing here reaches the bundle.
 */

/** A course as the public API shows it. `price` is in the currency's minor unit, as Stripe counts it. */
export interface Course {
  id: string;
  title: string;
  description: string;
  price: number;
  currency: string;
}

/** `GET /api/courses` */
export interface CourseList {
  courses: Course[];
}

/** The body of every error response. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
