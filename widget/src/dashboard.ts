/** The dashboard bundle: defines `<booking-dashboard>`. */
export {};
